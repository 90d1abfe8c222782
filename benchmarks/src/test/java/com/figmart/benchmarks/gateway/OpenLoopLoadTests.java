package com.figmart.benchmarks.gateway;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OpenLoopLoadTests {

	@Test
	void sendsTheScheduledNumberOfRequestsAndMeasuresOnlyAfterTheWarmup() throws Exception {
		try (BenchmarkBackend backend = BenchmarkBackend.start("127.0.0.1", 0, Duration.ofSeconds(60))) {
			OpenLoopLoad load = new OpenLoopLoad(50);
			try {
				OpenLoopLoad.Result result = load.run(URI.create("http://127.0.0.1:" + backend.port() + "/bench/tiny"),
						200, Duration.ofMillis(500), Duration.ofSeconds(1));

				assertThat(result.requests()).isEqualTo(200);
				assertThat(result.sentRate()).isCloseTo(200, within(1.0));
				assertThat(result.errors()).isZero();
				assertThat(result.p50Micros()).isPositive().isLessThanOrEqualTo(result.p99Micros());
			}
			finally {
				load.close();
			}
		}
	}

	@Test
	void countsAnswersOutsideTwoHundredAsErrors() throws Exception {
		try (BenchmarkBackend backend = BenchmarkBackend.start("127.0.0.1", 0, Duration.ofSeconds(60))) {
			OpenLoopLoad load = new OpenLoopLoad(10);
			try {
				OpenLoopLoad.Result result = load.run(URI.create("http://127.0.0.1:" + backend.port() + "/missing"),
						100, Duration.ZERO, Duration.ofMillis(500));

				assertThat(result.requests()).isEqualTo(50);
				assertThat(result.errors()).isEqualTo(50);
			}
			finally {
				load.close();
			}
		}
	}

	@Test
	void measuresTheSlowResponsesDelay() throws Exception {
		try (BenchmarkBackend backend = BenchmarkBackend.start("127.0.0.1", 0, Duration.ofSeconds(60))) {
			OpenLoopLoad load = new OpenLoopLoad(50);
			try {
				OpenLoopLoad.Result result = load.run(URI.create("http://127.0.0.1:" + backend.port() + "/bench/slow"),
						100, Duration.ZERO, Duration.ofMillis(500));

				assertThat(result.p50Micros()).isGreaterThanOrEqualTo(50_000);
			}
			finally {
				load.close();
			}
		}
	}

}
