package com.figmart.strangler.rules;

import java.util.Objects;

/**
 * Deterministic, sticky canary bucketing for one rule.
 *
 * <p>{@code bucket(key) = floor(murmur3_32(utf8(key), seed) * 100 / 2^32)} with the hash taken as unsigned
 * and {@code seed = murmur3_32(utf8(ruleId), 0)}. A key is routed to the new target when
 * {@code bucket(key) < percent}. Consequences:
 * <ul>
 *   <li><b>sticky</b>: the same key (customer id, session key) always gets the same bucket for a rule, on
 *       every gateway instance and across restarts;</li>
 *   <li><b>monotonic</b>: raising the percentage only adds buckets, so every key already on NEW stays on
 *       NEW (and lowering it only removes keys);</li>
 *   <li><b>independent per rule</b>: the rule id seeds the hash, so the 10 % of one rule are not the same
 *       customers as the 10 % of another rule;</li>
 *   <li><b>uniform</b>: the multiply-shift reduction of a 32-bit hash to 0..99 has a bias below
 *       {@code 100 / 2^32}.</li>
 * </ul>
 */
public final class CanaryAssignment {

	private final String ruleId;
	private final int seed;

	public CanaryAssignment(String ruleId) {
		if (ruleId == null || ruleId.isBlank()) {
			throw new IllegalArgumentException("canary rule id must not be null or blank");
		}
		this.ruleId = ruleId;
		this.seed = Murmur3.hash32(ruleId, 0);
	}

	/** The assignment for a rule (seeded with its id). */
	public static CanaryAssignment forRule(RouteRule rule) {
		return new CanaryAssignment(Objects.requireNonNull(rule, "rule").id());
	}

	public String ruleId() {
		return ruleId;
	}

	/** The sticky bucket of {@code stickyKey}, 0..99. */
	public int bucket(String stickyKey) {
		Objects.requireNonNull(stickyKey, "sticky key must not be null");
		long unsigned = Murmur3.hash32(stickyKey, seed) & 0xffffffffL;
		return (int) ((unsigned * 100) >>> 32);
	}

	/**
	 * True if {@code stickyKey} goes to the new target at {@code percent} (0 = nobody, 100 = everybody).
	 *
	 * @throws IllegalArgumentException if {@code percent} is outside 0..100
	 */
	public boolean routesToNew(String stickyKey, int percent) {
		if (percent < 0 || percent > 100) {
			throw new IllegalArgumentException("canary percent must be between 0 and 100, was " + percent);
		}
		return bucket(stickyKey) < percent;
	}

	/** Convenience for a {@link Mode.Canary} mode. */
	public boolean routesToNew(String stickyKey, Mode.Canary canary) {
		return routesToNew(stickyKey, canary.percent());
	}
}
