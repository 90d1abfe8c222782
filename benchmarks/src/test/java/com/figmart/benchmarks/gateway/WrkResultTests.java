package com.figmart.benchmarks.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class WrkResultTests {

	private static final String OUTPUT = String.join("\n", "Running 10s test @ http://127.0.0.1:1/bench/tiny",
			"  2 threads and 50 connections", "  Requests/sec:  1234.00",
			"WRK_RESULT requests=200000 duration_us=10000000 bytes=3000000 p50_us=310 p90_us=700 p99_us=2100 "
					+ "p999_us=9000 max_us=12000 connect_errors=1 read_errors=2 write_errors=0 status_errors=3 timeouts=4",
			"");

	@Test
	void readsTheScriptsLineNotTheRoundedSummary() {
		WrkResult result = WrkResult.parse(OUTPUT);

		assertThat(result.requests()).isEqualTo(200_000);
		assertThat(result.requestsPerSecond()).isCloseTo(20_000, within(0.001));
		assertThat(result.p50Micros()).isEqualTo(310);
		assertThat(result.p99Micros()).isEqualTo(2100);
		assertThat(result.p999Micros()).isEqualTo(9000);
		assertThat(result.maxMicros()).isEqualTo(12000);
	}

	@Test
	void countsSocketErrorsTimeoutsAndBadStatusesAsErrors() {
		assertThat(WrkResult.parse(OUTPUT).errors()).isEqualTo(10);
	}

	@Test
	void rejectsOutputWithoutTheScriptsLine() {
		assertThatIllegalArgumentException().isThrownBy(() -> WrkResult.parse("Requests/sec: 100\n"))
			.withMessageContaining("no WRK_RESULT line");
	}

	@Test
	void rejectsALineWithAMissingField() {
		assertThatIllegalArgumentException().isThrownBy(() -> WrkResult.parse("WRK_RESULT requests=1\n"))
			.withMessageContaining("WRK_RESULT has no");
	}

}
