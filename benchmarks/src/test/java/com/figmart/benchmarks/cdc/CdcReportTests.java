package com.figmart.benchmarks.cdc;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CdcReportTests {

	private static CdcResults.Steady steady(int rate, double achieved, long p99Micros, List<Long> windows) {
		FixedRateWriter.Result writer = new FixedRateWriter.Result(rate, achieved, rate * 70L, rate * 60L, 1, rate * 60L,
				0, null, 2_000, Duration.ZERO);
		LagStats lag = new LagStats(rate * 60L, 0, p99Micros / 2, p99Micros, p99Micros * 2, p99Micros * 3,
				Duration.ofSeconds(10), windows);
		return new CdcResults.Steady(writer, lag, lag, rate * 60L, Duration.ofMillis(20));
	}

	private static CdcResults system(String name, long p99At1000, List<Long> windowsAt5000, Duration drain) {
		return new CdcResults(name, Map.of("poll.interval.ms", "10"),
				new CdcResults.Backfill(1_000_000, 0, Duration.ofSeconds(20), Duration.ofSeconds(10)),
				List.of(steady(1000, 1000, p99At1000, List.of(p99At1000, p99At1000)),
						steady(5000, 5000, windowsAt5000.get(0), windowsAt5000)),
				new CdcResults.Drain(1_000_000, 0, Duration.ofSeconds(5), drain, Duration.ofSeconds(1),
						drain.minusSeconds(1)),
				List.of(new CdcResults.CpuUse("backfill", 20, Map.of("writer JVM", 1.0, "target PostgreSQL", 15.0))), null);
	}

	@Test
	void judgesTheBridgeAgainstTheAimsAndAgainstNative() {
		CdcResults nativeResult = system("native", 2_000, List.of(3_000L, 3_500L), Duration.ofSeconds(4));
		CdcResults bridge = system("bridge", 60_000, List.of(80_000L, 900_000L), Duration.ofSeconds(10));

		assertThat(CdcReport.aims(List.of(nativeResult, bridge)))
			.extracting(CdcReport.Aim::aim, CdcReport.Aim::measured, CdcReport.Aim::met)
			.containsExactly(Tuple.tuple("bridge: p99 lag ≤ 100 ms at 1,000 writes/s", "60.0 ms", "yes"),
					Tuple.tuple("bridge: p99 lag ≤ 2x native's at 1,000 writes/s", "30.0x (60.0 ms vs 2.0 ms)", "**no**"),
					Tuple.tuple(
							"bridge: lag bounded at 5,000 writes/s (last window's p99 ≤ 2x the first's + 50 ms, nothing missing, rate reached)",
							"p99 per window 80 900 ms; achieved 5,000 writes/s", "**no**"),
					Tuple.tuple("(reference) native: lag bounded at 5,000 writes/s",
							"p99 per window 3.0 3.5 ms; achieved 5,000 writes/s", "yes"),
					Tuple.tuple("bridge: the 1,000,000-row transaction drained in ≤ 15 s", "10.00 s", "yes"),
					Tuple.tuple("bridge: apply rate of the large transaction ≥ 0.5x native's",
							"0.40x (100,000 vs 250,000 rows/s)", "**no**"));
	}

	@Test
	void withoutTheBridgeItsAimsAreNotMeasured() {
		CdcResults nativeResult = system("native", 2_000, List.of(3_000L, 3_500L), Duration.ofSeconds(4));

		assertThat(CdcReport.aims(List.of(nativeResult))).extracting(CdcReport.Aim::met)
			.containsExactly("not measured", "not measured", "not measured", "yes", "not measured", "not measured");
	}

	@Test
	void printsOneColumnPerSystem() {
		CdcResults nativeResult = system("native", 2_000, List.of(3_000L, 3_500L), Duration.ofSeconds(4));
		CdcResults bridge = system("bridge", 60_000, List.of(80_000L, 90_000L), Duration.ofSeconds(10));

		String markdown = CdcReport.markdown("CDC benchmark", List.of("- Machine: test"), List.of(nativeResult, bridge),
				List.of(1000, 5000));

		assertThat(markdown).startsWith("## CDC benchmark\n\n- Machine: test\n")
			.contains("| setting | native | bridge |")
			.contains("| poll.interval.ms | `10` | `10` |")
			.contains("| backfill rows/s (replication started → all rows visible) | 50,000 | 50,000 |")
			.contains("| 1,000 writes/s: **lag p99** | **2.0 ms** | **60.0 ms** |")
			.contains("| 1,000 writes/s: lag to the end of the target transaction p50 / p99 | 1.0 ms / 2.0 ms | 30.0 ms / 60.0 ms |")
			.contains("| 1,000,000-row transaction: **drain (commit → all rows visible)** | **4.00 s** | **10.00 s** |")
			.contains("| 1,000,000-row transaction: apply rate (rows / drain) | 250,000 | 100,000 |")
			.containsPattern("\\| native \\| backfill \\| 20.0 s \\|( (1.0|15.0) \\|){2} 0.80 \\|");
	}

}
