package com.figmart.strangler.gateway.resilience;

import java.time.Duration;

/**
 * The traffic of one rule over the last {@code window}, on each side.
 *
 * @param ruleId the rule ({@code default} for requests no rule matched)
 * @param window the sliding window the figures are computed over
 * @param legacy the requests the monolith answered, fallbacks included
 * @param newSide the calls to the rule's new target, retries and calls refused by an open breaker or a full
 *     bulkhead included
 */
public record RuleTraffic(String ruleId, Duration window, SideTraffic legacy, SideTraffic newSide) {

	/**
	 * One side's figures.
	 *
	 * @param side {@code legacy} or {@code new}
	 * @param requests requests (calls, for the new side) in the window
	 * @param requestsPerSecond {@code requests} divided by the window's length in seconds
	 * @param errorRate the share of them that failed: 5xx, transport errors, timeouts, refusals (0..1)
	 * @param p99Millis the 99th percentile of the time to response headers, in milliseconds (0 without
	 *     requests)
	 */
	public record SideTraffic(String side, long requests, double requestsPerSecond, double errorRate,
			double p99Millis) {

	}

}
