package com.figmart.strangler.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanaryAssignmentTests {

	private static final int KEYS = 100_000;

	@Test
	void murmur3MatchesPublishedReferenceValues() {
		// MurmurHash3_x86_32 reference values (UTF-8 input)
		assertThat(Murmur3.hash32("", 0)).isZero();
		assertThat(Murmur3.hash32("", 1)).isEqualTo(0x514E28B7);
		assertThat(Murmur3.hash32("hello", 0)).isEqualTo(0x248BFA47);
		assertThat(Murmur3.hash32("Hello, world!", 1234)).isEqualTo(0xFAF6CDB3);
		assertThat(Murmur3.hash32("The quick brown fox jumps over the lazy dog", 0)).isEqualTo(0x2E4FF723);
	}

	@Test
	void bucketsAreDeterministicAndSticky() {
		CanaryAssignment first = new CanaryAssignment("rule-1");
		CanaryAssignment second = new CanaryAssignment("rule-1");

		for (int i = 0; i < 1_000; i++) {
			String key = "customer-" + i;
			int bucket = first.bucket(key);
			assertThat(bucket).isBetween(0, 99);
			assertThat(second.bucket(key)).isEqualTo(bucket);
			assertThat(first.bucket(key)).isEqualTo(bucket);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 5, 10, 25, 50, 90 })
	void shareOfNewIsWithinOnePercentOfTheTarget(int percent) {
		CanaryAssignment canary = new CanaryAssignment("rule-share");
		int toNew = 0;
		for (int i = 0; i < KEYS; i++) {
			if (canary.routesToNew("customer-" + i, percent)) {
				toNew++;
			}
		}
		assertThat(toNew * 100.0 / KEYS).isCloseTo(percent, within(1.0));
	}

	@Test
	void bucketsAreSpreadEvenly() {
		CanaryAssignment canary = new CanaryAssignment("rule-spread");
		int[] counts = new int[100];
		for (int i = 0; i < KEYS; i++) {
			counts[canary.bucket("session-" + i)]++;
		}
		for (int count : counts) {
			// expected 1,000 per bucket, standard deviation ~31.5: 5 sigma either way
			assertThat(count).isBetween(840, 1160);
		}
	}

	@Test
	void raisingThePercentageKeepsEveryNewKeyOnNew() {
		CanaryAssignment canary = new CanaryAssignment("rule-monotonic");
		int newAt10 = 0;
		int newAt20 = 0;
		for (int i = 0; i < KEYS; i++) {
			String key = "customer-" + i;
			boolean at10 = canary.routesToNew(key, 10);
			boolean at20 = canary.routesToNew(key, 20);
			if (at10) {
				newAt10++;
				assertThat(at20).as("key %s was NEW at 10%% and must stay NEW at 20%%", key).isTrue();
			}
			if (at20) {
				newAt20++;
			}
		}
		assertThat(newAt10 * 100.0 / KEYS).isCloseTo(10.0, within(1.0));
		assertThat(newAt20 * 100.0 / KEYS).isCloseTo(20.0, within(1.0));
	}

	@Test
	void zeroSendsNobodyAndHundredSendsEverybody() {
		CanaryAssignment canary = new CanaryAssignment("rule-edges");
		for (int i = 0; i < 10_000; i++) {
			assertThat(canary.routesToNew("k" + i, 0)).isFalse();
			assertThat(canary.routesToNew("k" + i, 100)).isTrue();
		}
	}

	@Test
	void differentRulesPickDifferentKeys() {
		CanaryAssignment a = new CanaryAssignment("rule-a");
		CanaryAssignment b = new CanaryAssignment("rule-b");
		int both = 0;
		int sameBucket = 0;
		for (int i = 0; i < KEYS; i++) {
			String key = "customer-" + i;
			if (a.routesToNew(key, 10) && b.routesToNew(key, 10)) {
				both++;
			}
			if (a.bucket(key) == b.bucket(key)) {
				sameBucket++;
			}
		}
		// independent 10 % samples overlap on about 1 % of the keys, identical ones on 10 %
		assertThat(both * 100.0 / KEYS).isCloseTo(1.0, within(0.3));
		assertThat(sameBucket * 100.0 / KEYS).isCloseTo(1.0, within(0.3));
	}

	@Test
	void acceptsACanaryModeAndValidatesInputs() {
		CanaryAssignment canary = CanaryAssignment.forRule(RouteRule.of("r", "GET /x", Mode.canary(30), "t", 1));

		assertThat(canary.ruleId()).isEqualTo("r");
		assertThat(canary.routesToNew("key", Mode.canary(100))).isTrue();
		assertThat(canary.routesToNew("key", Mode.canary(0))).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> canary.routesToNew("key", 101))
				.withMessage("canary percent must be between 0 and 100, was 101");
		assertThatIllegalArgumentException().isThrownBy(() -> new CanaryAssignment(" "))
				.withMessageContaining("rule id");
	}
}
