package com.figmart.strangler.gateway.shadow;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shadow figures of every rule that has seen shadow traffic since the start (or its last reset): counts,
 * match and noise rates, latency difference, and the last mismatches. Kept in memory, per gateway instance.
 */
public final class ShadowReports {

	private final Map<String, RuleShadowStats> stats = new ConcurrentHashMap<>();

	private final Clock clock;

	private final int keptMismatches;

	ShadowReports(Clock clock, int keptMismatches) {
		this.clock = clock;
		this.keptMismatches = keptMismatches;
	}

	/** The rule's summary, or empty if it has seen no shadow traffic since start or reset. */
	public Optional<ShadowSummary> summary(String ruleId) {
		return Optional.ofNullable(this.stats.get(ruleId)).map(RuleShadowStats::summary);
	}

	/** Every rule's summary, by rule id. */
	public List<ShadowSummary> summaries() {
		return this.stats.values()
			.stream()
			.map(RuleShadowStats::summary)
			.sorted(Comparator.comparing(ShadowSummary::ruleId))
			.toList();
	}

	/** The rule's summary with its last mismatches, or empty as for {@link #summary(String)}. */
	public Optional<ShadowReport> report(String ruleId) {
		return Optional.ofNullable(this.stats.get(ruleId))
			.map((s) -> new ShadowReport(s.summary(), s.mismatches(), s.noise()));
	}

	/** The rule's last mismatches of the new target, newest first (empty if none). */
	public List<ShadowMismatch> mismatches(String ruleId) {
		RuleShadowStats s = this.stats.get(ruleId);
		return (s != null) ? s.mismatches() : List.of();
	}

	/**
	 * Forgets the rule's figures, e.g. after the new target was fixed; counting starts again with the next
	 * request.
	 *
	 * @return whether there was anything to forget
	 */
	public boolean reset(String ruleId) {
		return this.stats.remove(ruleId) != null;
	}

	/** The counters of a rule, created on first use. */
	RuleShadowStats of(String ruleId) {
		RuleShadowStats s = this.stats.get(ruleId);
		return (s != null) ? s
				: this.stats.computeIfAbsent(ruleId, (id) -> new RuleShadowStats(id, this.clock, this.keptMismatches));
	}

	/** The summary of a rule without shadow traffic: all zeros, every rate unknown. */
	ShadowSummary empty(String ruleId) {
		return new RuleShadowStats(ruleId, this.clock, 0).summary();
	}

	Clock clock() {
		return this.clock;
	}

}
