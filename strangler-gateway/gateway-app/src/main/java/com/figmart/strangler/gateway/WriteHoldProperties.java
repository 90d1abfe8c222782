package com.figmart.strangler.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of write holds under {@code figmart.gateway.write-hold} (see {@link WriteHolds}).
 *
 * @param maxHold the longest hold anyone may ask for, and the longest any instance keeps one: a hold ends by
 *     itself at the latest this long after this instance saw it, whatever the stored end says
 * @param maxWaiting how many requests may wait per held rule on one instance; more are refused with a 503
 * @param drainTimeout how long a hold request waits for this instance's unsafe requests already under way on
 *     the rule to be answered
 * @param releaseMargin a release that also changes the mode is refused when less than this is left of the
 *     hold: every instance must see the new mode before its copy of the hold ends by itself (at least one
 *     rule-store poll interval, plus the time of one reload)
 */
@ConfigurationProperties("figmart.gateway.write-hold")
public record WriteHoldProperties(@DefaultValue("2s") Duration maxHold, @DefaultValue("10000") int maxWaiting,
		@DefaultValue("1s") Duration drainTimeout, @DefaultValue("400ms") Duration releaseMargin) {

	public static final WriteHoldProperties DEFAULTS = new WriteHoldProperties(Duration.ofSeconds(2), 10_000,
			Duration.ofSeconds(1), Duration.ofMillis(400));

	public WriteHoldProperties {
		if (maxHold.toMillis() < 1) {
			throw new IllegalStateException(
					"figmart.gateway.write-hold.max-hold must be at least 1ms, was " + maxHold);
		}
		if (maxWaiting < 1) {
			throw new IllegalStateException(
					"figmart.gateway.write-hold.max-waiting must be at least 1, was " + maxWaiting);
		}
		if (drainTimeout.isNegative()) {
			throw new IllegalStateException(
					"figmart.gateway.write-hold.drain-timeout must not be negative, was " + drainTimeout);
		}
		if (releaseMargin.isNegative() || releaseMargin.compareTo(maxHold) >= 0) {
			throw new IllegalStateException("figmart.gateway.write-hold.release-margin must be from 0 to less than "
					+ "max-hold (" + maxHold + "), was " + releaseMargin);
		}
	}

}
