package com.figmart.benchmarks.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkReportTests {

	private static SetupResult setup(String name, double requestsPerSecond, long rateP99Micros) {
		return new SetupResult(name, requestsPerSecond, 500, 2000, 0, 700, 300, rateP99Micros, 0);
	}

	private static Map<String, List<SetupResult>> results() {
		Map<String, List<SetupResult>> results = new LinkedHashMap<>();
		results.put("Tiny response", List.of(setup(BenchmarkReport.DIRECT, 40_000, 1000),
				setup(BenchmarkReport.NGINX, 22_000, 1200), setup(BenchmarkReport.ONE_RULE, 16_000, 2500),
				setup(BenchmarkReport.THOUSAND_RULES, 15_000, 2600), setup(BenchmarkReport.SHADOW, 15_000, 2800)));
		results.put("Slow response", List.of(setup(BenchmarkReport.DIRECT, 1000, 52_000),
				setup(BenchmarkReport.ONE_RULE, 960, 53_000), setup(BenchmarkReport.SHADOW, 950, 53_500),
				setup(BenchmarkReport.THOUSAND_RULES, 955, 53_100)));
		return results;
	}

	@Test
	void judgesEveryAimOfTheIssuePerResponseKind() {
		List<BenchmarkReport.Aim> aims = BenchmarkReport.aims(results(), true);

		assertThat(aims).extracting(BenchmarkReport.Aim::aim, BenchmarkReport.Aim::measured, BenchmarkReport.Aim::met)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("Tiny: gateway throughput ≥ 0.5x of direct", "0.40x", false),
					org.assertj.core.groups.Tuple.tuple("Tiny: gateway p99 ≤ direct + 2 ms at equal rate", "+1.50 ms", true),
					org.assertj.core.groups.Tuple.tuple("Tiny: gateway p99 ≤ 1.5x direct at equal rate", "2.50x", false),
					org.assertj.core.groups.Tuple.tuple("Tiny: SHADOW adds ≤ 5 % to p99 (equal rate, vs 1 rule)", "+12.0 %",
							false),
					org.assertj.core.groups.Tuple.tuple("Tiny: SHADOW costs ≤ 10 % of throughput (vs 1 rule)", "+6.3 %", true),
					org.assertj.core.groups.Tuple.tuple("Tiny: 1,000 rules ≥ 0.9x of 1 rule (throughput)", "0.94x", true),
					org.assertj.core.groups.Tuple.tuple("Slow: gateway throughput ≥ 0.95x of direct", "0.96x", true),
					org.assertj.core.groups.Tuple.tuple("Slow: gateway p99 ≤ direct + 2 ms at equal rate", "+1.00 ms", true),
					org.assertj.core.groups.Tuple.tuple("Slow: gateway p99 ≤ 1.5x direct at equal rate", "1.02x", true),
					org.assertj.core.groups.Tuple.tuple("Slow: SHADOW adds ≤ 5 % to p99 (equal rate, vs 1 rule)", "+0.9 %", true),
					org.assertj.core.groups.Tuple.tuple("Slow: SHADOW costs ≤ 10 % of throughput (vs 1 rule)", "+1.0 %", true),
					org.assertj.core.groups.Tuple.tuple("Slow: 1,000 rules ≥ 0.9x of 1 rule (throughput)", "0.99x", true));
	}

	@Test
	void printsOneTableRowPerSetupWithRatiosAgainstDirect() {
		String markdown = BenchmarkReport.markdown("Gateway benchmark", List.of("- Machine: test"), results(), true);

		assertThat(markdown).startsWith("## Gateway benchmark\n\n- Machine: test\n")
			.contains("### Tiny response\n")
			.contains("| direct to the backend | 40,000 | 1 | 0.50 ms | 2.00 ms | 0.30 ms | 1.00 ms |  |  | 0 |")
			.contains("| gateway, 1 rule (LEGACY) | 16,000 | 0.40x | 0.50 ms | 2.00 ms | 0.30 ms | 2.50 ms | +1.50 ms | 2.50x | 0 |")
			.contains("| Tiny: gateway throughput ≥ 0.5x of direct | 0.40x | **no** |")
			.contains("nginx against direct (published anchor for the tiny response: about 0.56x; Spring Cloud Gateway "
					+ "alone 0.28x to 0.41x): Tiny 0.55x.");
	}

	@Test
	void flagsASetupThatDidNotKeepUpWithTheFixedRate() {
		SetupResult direct = setup(BenchmarkReport.DIRECT, 40_000, 1000);
		SetupResult queued = new SetupResult(BenchmarkReport.ONE_RULE, 16_000, 500, 2000, 0, 11_000, 600_000, 1_300_000, 0);
		SetupResult keptUp = new SetupResult(BenchmarkReport.NGINX, 30_000, 500, 2000, 0, 11_000, 400, 5_000, 0);

		assertThat(BenchmarkReport.saturated(queued, direct)).isTrue();
		assertThat(BenchmarkReport.saturated(keptUp, direct)).isFalse();
		assertThat(BenchmarkReport.markdown("t", List.of(), Map.of("Tiny", List.of(direct, queued)), true))
			.contains("**Saturated at the fixed rate**")
			.contains("gateway, 1 rule (LEGACY).");
	}

	@Test
	void doesNotJudgeTheShadowAimsWhenNoCopiesArrived() {
		String markdown = BenchmarkReport.markdown("t", List.of(), results(), false);

		assertThat(markdown)
			.contains("| Tiny: SHADOW adds ≤ 5 % to p99 (equal rate, vs 1 rule) | +12.0 % | not judged: no shadow copies arrived |")
			.contains("| Tiny: 1,000 rules ≥ 0.9x of 1 rule (throughput) | 0.94x | yes |");
	}

}
