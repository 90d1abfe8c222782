package com.figmart.benchmarks.gateway;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GatewayRulesTests {

	private static final URI NEW_TARGET = URI.create("http://127.0.0.1:9999");

	@Test
	void writesTheRequestedNumberOfRulesWithTheMatchingOneLast() {
		String yaml = GatewayRules.yaml(1000, "LEGACY", NEW_TARGET);

		assertThat(count(yaml, "      - id: ")).isEqualTo(1000);
		assertThat(yaml.substring(yaml.lastIndexOf("      - id: "))).startsWith("      - id: bench\n")
			.contains("pattern: \"/bench/**\"")
			.contains("mode: \"LEGACY\"");
		assertThat(yaml).contains("bench-new: http://127.0.0.1:9999");
	}

	@Test
	void aSingleRuleIsTheMatchingOneInTheAskedMode() {
		String yaml = GatewayRules.yaml(1, "SHADOW", NEW_TARGET);

		assertThat(count(yaml, "      - id: ")).isEqualTo(1);
		assertThat(yaml).contains("- id: bench").contains("mode: \"SHADOW\"").contains("methods: [GET]");
	}

	@Test
	void otherRulesHaveDistinctIdsAndPatterns() {
		String yaml = GatewayRules.yaml(1000, "LEGACY", NEW_TARGET);

		Matcher patterns = Pattern.compile("pattern: \"([^\"]+)\"").matcher(yaml);
		java.util.Set<String> seen = new java.util.HashSet<>();
		while (patterns.find()) {
			assertThat(seen.add(patterns.group(1))).as("duplicate pattern %s", patterns.group(1)).isTrue();
		}
		assertThat(seen).hasSize(1000);
	}

	@Test
	void noOtherRuleMatchesTheBenchmarkPaths() {
		for (int i = 1; i < 1000; i++) {
			String pattern = GatewayRules.pattern(i);
			assertThat(pattern).doesNotMatch("/bench/(\\*\\*|tiny|slow|\\{[a-z]+\\})").isNotEqualTo("/bench/**");
			assertThat(pattern.split("/")).as(pattern).hasSizeGreaterThan(3);
		}
	}

	@Test
	void rejectsZeroRules() {
		assertThatIllegalArgumentException().isThrownBy(() -> GatewayRules.yaml(0, "LEGACY", NEW_TARGET));
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			count++;
		}
		return count;
	}

}
