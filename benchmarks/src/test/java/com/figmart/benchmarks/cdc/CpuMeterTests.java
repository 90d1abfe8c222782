package com.figmart.benchmarks.cdc;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CpuMeterTests {

	@Test
	void readsUserSystemAndReapedChildrenTimeAfterACommandNameWithSpaces() {
		String stat = "4242 (postgres: walsender (x)) S 1 4242 4242 0 -1 4194560 1046 0 0 0 120 30 7 3 20 0 1 0 123";

		assertThat(CpuMeter.parseTicks(stat)).isEqualTo(120 + 30 + 7 + 3);
	}

	@Test
	void thisJvmHasUsedSomeCpuAndAProcessThatIsGoneNone() {
		CpuMeter meter = new CpuMeter();
		meter.trackProcess("me", () -> ProcessHandle.current().pid());
		meter.trackTree("nobody", () -> -1);

		Map<String, Double> sample = meter.sample();

		assertThat(sample.get("nobody")).isZero();
		if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/stat"))) {
			assertThat(sample.get("me")).isPositive();
		}
	}

	@Test
	void theDifferenceIsPerProcessAndNeverNegative() {
		assertThat(CpuMeter.difference(Map.of("a", 1.0, "b", 5.0), Map.of("a", 3.5, "b", 4.0)))
			.containsEntry("a", 2.5)
			.containsEntry("b", 0.0);
	}

}
