package com.figmart.strangler.gateway.store;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.figmart.strangler.gateway.GatewayRule;
import com.figmart.strangler.gateway.RulePolicy;
import com.figmart.strangler.gateway.Targets;
import com.figmart.strangler.rules.Mode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The JSON form of rules of {@code docs/gateway-admin-api.md}, read strictly and written completely.
 */
class RuleJsonTests {

	private static final Targets TARGETS = new Targets(URI.create("http://127.0.0.1:8081"),
			Map.of("catalog-service", URI.create("http://127.0.0.1:9001")));

	@Test
	void readsTheDocumentedExampleAndWritesItBack() {
		GatewayRule rule = RuleJson.readRule(RuleJson.parse("""
				{"id": "catalog-read", "methods": ["GET"], "pattern": "/api/catalog/**", "mode": "CANARY(10)",
				 "target": "catalog-service",
				 "policy": {"timeout": "PT2S", "fallbackToLegacy": true,
				            "shadow": {"ignoredPaths": ["$..id", "$.generatedAt"], "unorderedArrays": ["$.products"],
				                       "mirrorUnsafeMethods": false},
				            "guard": {"maxErrorRate": 0.05, "maxP99": "PT0.5S", "window": "PT10S", "minRequests": 20}}}
				"""), TARGETS);

		assertThat(rule.rule().mode()).isEqualTo(Mode.canary(10));
		assertThat(rule.rule().methods()).containsExactly("GET");
		assertThat(rule.policy().timeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(rule.policy().shadow().unorderedArrays()).containsExactly("$.products");
		assertThat(rule.policy().guard())
			.isEqualTo(new RulePolicy.Guard(0.05, Duration.ofMillis(500), Duration.ofSeconds(10), 20));

		StoredRule stored = new StoredRule(rule, Instant.parse("2026-11-25T10:15:30.123Z"), "alice");
		StoredRule again = RuleJson.readStored(RuleJson.toJson(stored));
		assertThat(again.rule().policy()).isEqualTo(rule.policy());
		assertThat(again.rule().rule().pattern()).isEqualTo(rule.rule().pattern());
		assertThat(again.updatedAt()).isEqualTo(stored.updatedAt());
		assertThat(again.updatedBy()).isEqualTo("alice");
	}

	@Test
	void leavesOutPolicyForTheDefaults() {
		GatewayRule rule = RuleJson.readRule(RuleJson.parse("""
				{"id": "r", "pattern": "/api/r", "mode": "LEGACY", "target": "catalog-service"}
				"""), TARGETS);

		assertThat(rule.rule().anyMethod()).isTrue();
		assertThat(rule.policy()).isEqualTo(RulePolicy.DEFAULTS);
		assertThat(RuleJson.toJson(rule.policy()).toString()).isEqualTo("{\"timeout\":null,\"fallbackToLegacy\":true,"
				+ "\"shadow\":{\"ignoredPaths\":[],\"unorderedArrays\":[],\"mirrorUnsafeMethods\":false},\"guard\":null}");
	}

	@Test
	void namesEveryMissingField() {
		assertThatExceptionOfType(InvalidRuleException.class)
			.isThrownBy(() -> RuleJson.readRule(RuleJson.parse("{\"methods\": \"GET\"}"), TARGETS))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(InvalidRuleException.FieldError::field)
				.containsExactlyInAnyOrder("id", "methods", "pattern", "mode", "target"));
	}

	@Test
	void refusesAnInvalidMethodAndAnUnknownPolicyField() {
		assertThatExceptionOfType(InvalidRuleException.class)
			.isThrownBy(() -> RuleJson.readRule(RuleJson.parse("""
					{"id": "r", "methods": ["GE T"], "pattern": "/api/r", "mode": "NEW", "target": "catalog-service",
					 "policy": {"timout": "PT1S", "guard": {"maxErrorRate": 0.1, "window": "PT10S", "minRequests": 5}}}
					"""), TARGETS))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(InvalidRuleException.FieldError::field)
				.containsExactlyInAnyOrder("methods", "policy.timout", "policy.guard.maxP99"));
	}

	@Test
	void acceptsAnyTargetNameWhenReadingWhatWasStored() {
		GatewayRule rule = RuleJson.readRule(RuleJson.parse("""
				{"id": "r", "pattern": "/api/r", "mode": "NEW", "target": "known-elsewhere"}
				"""), null);

		assertThat(rule.rule().target()).isEqualTo("known-elsewhere");
	}

}
