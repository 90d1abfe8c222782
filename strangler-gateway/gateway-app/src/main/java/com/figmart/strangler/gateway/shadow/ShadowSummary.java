package com.figmart.strangler.gateway.shadow;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The shadow figures of one rule since {@link #since()} (the start of the gateway or the last reset).
 *
 * <p>Every mirrored request ends up in exactly one of {@code matched}, {@code mismatched}, {@code ignored},
 * {@code errors} or {@code dropped}. Rates are {@code null} while their denominator is zero.
 *
 * @param ruleId the rule
 * @param since when counting began
 * @param compared answers of both sides compared: {@code matched + mismatched}
 * @param matched compared and equal
 * @param mismatched compared and different
 * @param ignored not compared, for a reason counted in {@code ignoredBy}
 * @param ignoredBy the ignored requests by reason ({@code unsafe-method}, {@code request-too-large},
 *     {@code response-too-large}, {@code legacy-incomplete}, {@code unsupported-target})
 * @param errors copies the new target did not answer (connection failure or timeout)
 * @param dropped copies not sent because the shadow queue was full
 * @param matchRate {@code matched / compared}
 * @param mismatchRate {@code mismatched / compared}
 * @param calibrated A/A comparisons: the monolith compared with a second answer of its own
 * @param noisy A/A comparisons that differed
 * @param noiseRate {@code noisy / calibrated}: how often the monolith differs from itself
 * @param excessMismatchRate {@code max(0, mismatchRate - noiseRate)}: the part of the mismatches that counts
 *     against the new target; {@code null} until both rates are known
 * @param meanLatencyDeltaMillis mean of (new target's latency - monolith's latency) over compared requests
 * @param p99LatencyDeltaMillis 99th percentile of that difference over the last 1,024 compared requests
 * @param meanLegacyMillis mean latency of the monolith over compared requests
 * @param meanNewMillis mean latency of the new target over compared requests
 * @param noisyPaths how often each path (indices as {@code [*]}) differed in A/A comparisons: candidates for
 *     the rule's ignored paths
 */
public record ShadowSummary(String ruleId, Instant since, long compared, long matched, long mismatched, long ignored,
		Map<String, Long> ignoredBy, long errors, long dropped, @Nullable Double matchRate,
		@Nullable Double mismatchRate, long calibrated, long noisy, @Nullable Double noiseRate,
		@Nullable Double excessMismatchRate, @Nullable Double meanLatencyDeltaMillis,
		@Nullable Double p99LatencyDeltaMillis, @Nullable Double meanLegacyMillis, @Nullable Double meanNewMillis,
		Map<String, Long> noisyPaths) {

}
