package com.figmart.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class LoadResultTests {

	private static LoadResult result() {
		LatencyHistogram latency = new LatencyHistogram(3_600_000_000L);
		for (int i = 1; i <= 1000; i++) {
			latency.record(i * 2L); // 2 µs .. 2 ms: small enough to be counted exactly
		}
		Map<String, Long> outcomes = new LinkedHashMap<>();
		outcomes.put("confirmed", 900L);
		outcomes.put("rejected", 80L);
		outcomes.put("http_500", 15L);
		outcomes.put("timeout", 5L);
		return new LoadResult("run1", "http://127.0.0.1:8080", 16, Duration.ofSeconds(10), Duration.ofSeconds(30),
				30.0, 12, outcomes, latency, "2025-01-01T00:00:00Z", "17.0.15");
	}

	@Test
	void derivesRatesAndCounts() {
		LoadResult result = result();

		assertThat(result.requests()).isEqualTo(1000);
		assertThat(result.confirmed()).isEqualTo(900);
		assertThat(result.errors()).isEqualTo(20);
		assertThat(result.errorRatio()).isEqualTo(0.02);
		assertThat(result.confirmedPerSecond()).isEqualTo(30.0);
		assertThat(result.requestsPerSecond()).isCloseTo(33.333, org.assertj.core.api.Assertions.within(0.001));
		assertThat(result.notConfirmed()).containsExactly(Map.entry("http_500", 15L), Map.entry("rejected", 80L),
				Map.entry("timeout", 5L));
	}

	@Test
	void formatsTheResultBlock() {
		String text = result().format();

		assertThat(text).startsWith("=== CheckoutLoad result ===\n");
		assertThat(text).contains("clients             : 16\n");
		assertThat(text).contains("duration            : 30s (measured 30.00 s)\n");
		assertThat(text).contains("checkouts           : 1000 (confirmed 900, not confirmed 100)\n");
		assertThat(text).contains("confirmed/s         : 30.0\n");
		assertThat(text).contains("latency ms          : p50 1.00  p90 1.80  p99 1.98  max 2.00  (n=1000)\n");
		assertThat(text).contains("  http_500          : 15  (error)\n");
		assertThat(text).contains("  rejected          : 80\n");
		assertThat(text).contains("errors              : 20 (2.00 % of checkouts)\n");
		assertThat(text.indexOf("http_500")).isLessThan(text.indexOf("rejected")).isLessThan(text.indexOf("timeout"));
	}

	@Test
	void formatsARunWithoutFailures() {
		LatencyHistogram latency = new LatencyHistogram(3_600_000_000L);
		latency.record(1500);
		LoadResult result = new LoadResult("r", "http://h", 1, Duration.ZERO, Duration.ofMinutes(2), 120.0, 1,
				Map.of("confirmed", 1L), latency, "t", "17");

		assertThat(result.format()).contains("warmup              : 0s\n", "not confirmed       : none\n",
				"errors              : 0 (0.00 % of checkouts)\n", "p50 1.50");
	}

	@Test
	void jsonHoldsTheNumbers() {
		JsonMapper mapper = JsonMapper.builder().build();
		JsonNode json = mapper.readTree(mapper.writeValueAsString(result().toJson()));

		assertThat(json.get("benchmark").stringValue()).isEqualTo("CheckoutLoad");
		assertThat(json.get("clients").intValue()).isEqualTo(16);
		assertThat(json.get("warmupSeconds").doubleValue()).isEqualTo(10.0);
		assertThat(json.get("confirmed").longValue()).isEqualTo(900);
		assertThat(json.get("confirmedPerSecond").doubleValue()).isEqualTo(30.0);
		assertThat(json.get("latencyMs").get("p99").doubleValue()).isEqualTo(1.98);
		assertThat(json.get("latencyMs").get("max").doubleValue()).isEqualTo(2.0);
		assertThat(json.get("outcomes").get("http_500").longValue()).isEqualTo(15);
		assertThat(json.get("errors").longValue()).isEqualTo(20);
	}

	@Test
	void reportsLargeLatenciesAtMostATenthOfAPercentHigh() {
		LatencyHistogram latency = new LatencyHistogram(3_600_000_000L);
		for (int i = 1; i <= 1000; i++) {
			latency.record(i * 100L); // 0.1 ms .. 100 ms
		}
		LoadResult result = new LoadResult("r", "http://h", 1, Duration.ZERO, Duration.ofSeconds(1), 1.0, 1,
				Map.of("confirmed", 1000L), latency, "t", "17");

		assertThat(result.latencyMillis(50)).isBetween(50.0, 50.05);
		assertThat(result.latencyMillis(99)).isBetween(99.0, 99.1);
		assertThat(result.latencyMillis(100)).isEqualTo(100.0);
	}
}
