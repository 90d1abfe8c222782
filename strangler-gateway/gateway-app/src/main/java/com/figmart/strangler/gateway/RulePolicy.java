package com.figmart.strangler.gateway;

import java.time.Duration;
import java.util.List;

/**
 * What a rule asks of the edge beyond "who answers": the per-rule settings of resilience, shadow comparison
 * and automatic rollback. Stored with the rule and changed with it.
 *
 * @param timeout how long the new target may take to send its response headers; {@code null} means the
 *     gateway's default ({@code figmart.gateway.resilience.default-timeout})
 * @param fallbackToLegacy whether a GET or HEAD that the new target fails (error, timeout, open breaker, full
 *     bulkhead, 5xx) is answered by the monolith instead
 * @param shadow how shadow copies of this rule's requests are sent and compared
 * @param guard the objective of the new target under CANARY or NEW; {@code null} for none
 */
public record RulePolicy(Duration timeout, boolean fallbackToLegacy, Shadow shadow, Guard guard) {

	/** No timeout of its own, fallback on, default comparison, no guard. */
	public static final RulePolicy DEFAULTS = new RulePolicy(null, true, Shadow.DEFAULTS, null);

	public RulePolicy {
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
		shadow = (shadow != null) ? shadow : Shadow.DEFAULTS;
	}

	/**
	 * Shadow settings.
	 *
	 * @param ignoredPaths JSON paths left out of the body comparison, e.g. {@code $.id}, {@code $.items[*].id},
	 *     {@code $..createdAt}
	 * @param unorderedArrays JSON paths of arrays compared as multisets, e.g. {@code $.products}
	 * @param mirrorUnsafeMethods whether requests with a method other than GET, HEAD or OPTIONS may be copied to
	 *     the new target even though it may share state with the monolith
	 */
	public record Shadow(List<String> ignoredPaths, List<String> unorderedArrays, boolean mirrorUnsafeMethods) {

		public static final Shadow DEFAULTS = new Shadow(List.of(), List.of(), false);

		public Shadow {
			ignoredPaths = (ignoredPaths != null) ? List.copyOf(ignoredPaths) : List.of();
			unorderedArrays = (unorderedArrays != null) ? List.copyOf(unorderedArrays) : List.of();
		}

	}

	/**
	 * The objective of the new target; breaking it sends the rule back to LEGACY.
	 *
	 * @param maxErrorRate the highest tolerated share of failed requests (5xx, errors, timeouts), 0..1
	 * @param maxP99 the highest tolerated 99th percentile latency
	 * @param window the sliding window both are measured over
	 * @param minRequests the fewest requests in the window before the guard judges at all
	 */
	public record Guard(double maxErrorRate, Duration maxP99, Duration window, int minRequests) {

		public Guard {
			if (maxErrorRate < 0 || maxErrorRate > 1) {
				throw new IllegalArgumentException("guard max error rate must be between 0 and 1, was " + maxErrorRate);
			}
			if (maxP99 == null || maxP99.isNegative() || maxP99.isZero()) {
				throw new IllegalArgumentException("guard max p99 must be positive, was " + maxP99);
			}
			if (window == null || window.compareTo(Duration.ofSeconds(1)) < 0) {
				throw new IllegalArgumentException("guard window must be at least 1s, was " + window);
			}
			if (minRequests < 1) {
				throw new IllegalArgumentException("guard min requests must be at least 1, was " + minRequests);
			}
		}

	}

}
