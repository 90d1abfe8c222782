package com.figmart.strangler.gateway.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.figmart.strangler.gateway.AutomaticRollback;
import com.figmart.strangler.gateway.GatewayRule;
import com.figmart.strangler.gateway.LiveRules;
import com.figmart.strangler.gateway.RulePolicy;
import com.figmart.strangler.rules.Mode;
import com.figmart.strangler.rules.RouteRule;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a guard calls {@link AutomaticRollback}, driven directly, on a clock the test moves.
 */
class RuleGuardsTests {

	private static final long SECOND = 1_000_000_000L;

	private static final RulePolicy.Guard GUARD = new RulePolicy.Guard(0.1, Duration.ofMillis(500),
			Duration.ofSeconds(10), 10);

	private final AtomicLong clock = new AtomicLong(5_000 * SECOND);

	private final TrafficMonitor traffic;

	private final LiveRules rules = new LiveRules(List.of(rule("guarded", Mode.NEW, 1, GUARD),
			rule("unguarded", Mode.NEW, 1, null), rule("legacy", Mode.LEGACY, 1, GUARD)));

	private final List<String> calls = new ArrayList<>();

	private final AutomaticRollback rollback = (ruleId, version, reason, measurements) -> {
		this.calls.add(ruleId + "@" + version + ": " + reason + " " + measurements.get("requests"));
		return true;
	};

	RuleGuardsTests() {
		ResilienceProperties properties = new ResilienceProperties(Duration.ofSeconds(5), Duration.ofSeconds(10),
				Duration.ofSeconds(60), Duration.ofMillis(500),
				new ResilienceProperties.Breaker(50, Duration.ofSeconds(10), 10, Duration.ofSeconds(10), 3),
				new ResilienceProperties.Bulkhead(10), new ResilienceProperties.Retry(Set.of("GET"), 3,
						Duration.ofMillis(50), 2, 0.5, Duration.ofSeconds(2), DataSize.ofMegabytes(1)));
		this.traffic = new TrafficMonitor(properties, new TargetProtection(properties), null, this.clock::get);
	}

	private static GatewayRule rule(String id, Mode mode, long version, RulePolicy.Guard guard) {
		return new GatewayRule(RouteRule.of(id, List.of("GET"), "/api/" + id + "/**", mode, "svc", version),
				new RulePolicy(null, true, null, guard));
	}

	private RuleGuards guards(AutomaticRollback rollback) {
		return new RuleGuards(this.rules, this.traffic, () -> rollback, Duration.ofMillis(500));
	}

	private void calls(String ruleId, int count, boolean error, long latencyMillis) {
		for (int i = 0; i < count; i++) {
			this.traffic.record(ruleId, Side.NEW, latencyMillis * 1_000_000, error);
		}
	}

	@Test
	void judgesNothingBelowMinRequests() {
		RuleGuards guards = guards(this.rollback);
		guards.check();
		calls("guarded", 9, true, 1);
		guards.check();
		assertThat(this.calls).isEmpty();
	}

	@Test
	void rollsBackOncePerRuleVersionWhenTheErrorRateIsTooHigh() {
		RuleGuards guards = guards(this.rollback);
		guards.check();
		calls("guarded", 8, false, 1);
		calls("guarded", 2, true, 1);
		guards.check();
		assertThat(this.calls).containsExactly("guarded@1: error rate 0.20 > 0.10 over 10s 10");
		guards.check();
		assertThat(this.calls).hasSize(1);
	}

	@Test
	void rollsBackWhenP99IsTooHigh() {
		RuleGuards guards = guards(this.rollback);
		guards.check();
		calls("guarded", 20, false, 800);
		guards.check();
		assertThat(this.calls).singleElement().asString().startsWith("guarded@1: p99 ").contains("> 500 ms over 10s");
	}

	@Test
	void ignoresRulesWithoutGuardOrOnTheLegacySide() {
		RuleGuards guards = guards(this.rollback);
		guards.check();
		calls("unguarded", 50, true, 1);
		calls("legacy", 50, true, 1);
		guards.check();
		assertThat(this.calls).isEmpty();
	}

	@Test
	void doesNotJudgeANewVersionOnFiguresOfTheOldOne() {
		RuleGuards guards = guards(this.rollback);
		guards.check();
		calls("guarded", 20, true, 1);
		guards.check();
		assertThat(this.calls).hasSize(1);
		this.rules.replaceAll(List.of(rule("guarded", Mode.NEW, 3, GUARD)));
		this.clock.addAndGet(SECOND);
		guards.check();
		assertThat(this.calls).hasSize(1);
		calls("guarded", 20, true, 1);
		guards.check();
		assertThat(this.calls).hasSize(2).last().asString().startsWith("guarded@3: ");
	}

	@Test
	void withoutAnAutomaticRollbackOnlyWarns() {
		RuleGuards guards = guards(null);
		guards.check();
		calls("guarded", 20, true, 1);
		guards.check();
		assertThat(this.rules.rule("guarded").orElseThrow().rule().mode()).isEqualTo(Mode.NEW);
	}

	@Test
	void triesAgainWhenTheRollbackFails() {
		List<Long> attempts = new ArrayList<>();
		RuleGuards guards = guards((ruleId, version, reason, measurements) -> {
			attempts.add(version);
			if (attempts.size() == 1) {
				throw new IllegalStateException("database down");
			}
			return true;
		});
		guards.check();
		calls("guarded", 20, true, 1);
		guards.check();
		guards.check();
		guards.check();
		assertThat(attempts).containsExactly(1L, 1L);
	}

	@Test
	void runsOnItsOwnThreadWhileStarted() {
		RuleGuards guards = guards(this.rollback);
		guards.start();
		try {
			assertThat(guards.isRunning()).isTrue();
		}
		finally {
			guards.stop();
		}
		assertThat(guards.isRunning()).isFalse();
	}

}
