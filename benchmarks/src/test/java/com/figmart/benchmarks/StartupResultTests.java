package com.figmart.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StartupResultTests {

	private static StartupResult result(Long... millis) {
		return new StartupResult("/x/legacy-monolith.jar", "/usr/bin/java", "openjdk version \"17.0.15\" 2025-04-15",
				false, List.of(millis));
	}

	@Test
	void minMedianMaxOfAnOddCount() {
		StartupResult result = result(5200L, 4100L, 4800L, 6100L, 4500L);

		assertThat(result.min()).isEqualTo(4100);
		assertThat(result.median()).isEqualTo(4800.0);
		assertThat(result.max()).isEqualTo(6100);
		assertThat(result.mean()).isEqualTo(4940.0);
	}

	@Test
	void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(result(4000L, 3000L, 1000L, 2001L).median()).isEqualTo(2500.5);
		assertThat(result(7L).median()).isEqualTo(7.0);
	}

	@Test
	void needsAtLeastOneRun() {
		assertThatIllegalArgumentException()
				.isThrownBy(() -> new StartupResult("j", "java", "v", true, List.of()));
	}

	@Test
	void formatsRunsInOrderAndTheSummary() {
		String text = result(5200L, 4100L, 4800L, 6101L).format();

		assertThat(text).startsWith("=== StartupTime result ===\n");
		assertThat(text).contains("java version        : openjdk version \"17.0.15\" 2025-04-15\n");
		assertThat(text).contains("data directory      : reused");
		assertThat(text).contains("run 1               : 5200 ms\nrun 2               : 4100 ms\n");
		assertThat(text).contains("min / median / max  : 4100 / 5000 / 6101 ms\n");
		assertThat(text).contains("mean                : 5050.3 ms\n");
	}

	@Test
	void formatsMillis() {
		assertThat(StartupResult.formatMillis(4800.0)).isEqualTo("4800");
		assertThat(StartupResult.formatMillis(2500.5)).isEqualTo("2500.5");
	}

	@Test
	void jsonHoldsTheRuns() {
		JsonMapper mapper = JsonMapper.builder().build();
		JsonNode json = mapper.readTree(mapper.writeValueAsString(result(3L, 1L, 2L).toJson()));

		assertThat(json.get("runsMs").size()).isEqualTo(3);
		assertThat(json.get("runsMs").get(0).longValue()).isEqualTo(3);
		assertThat(json.get("minMs").longValue()).isEqualTo(1);
		assertThat(json.get("medianMs").doubleValue()).isEqualTo(2.0);
		assertThat(json.get("maxMs").longValue()).isEqualTo(3);
		assertThat(json.get("freshData").booleanValue()).isFalse();
	}
}
