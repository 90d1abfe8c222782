package com.figmart.strangler.gateway.shadow;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Shadow settings under {@code figmart.gateway.shadow}; what to compare per rule is in the rule's policy.
 *
 * @param enabled whether SHADOW rules send copies at all (when off they behave like LEGACY)
 * @param calibrationRate the share (0..1) of safe SHADOW requests also sent a second time to the monolith, for
 *     the A/A noise rate
 * @param maxBodySize the largest request or response body captured; a larger one is not compared
 * @param headersThatMatter the response headers compared (case-insensitive)
 * @param timeout how long a copy may take, connection and whole body included
 * @param maxConnections connections of the shadow client, over all targets
 * @param maxInFlight copies sent or waiting at once; beyond, new copies are dropped and counted
 * @param compareQueue comparisons waiting for the comparing thread; beyond, they are dropped and counted
 * @param keptMismatches how many mismatches (and A/A mismatches) each rule keeps for inspection
 * @param shownBodySize how much of each body a kept mismatch shows
 */
@ConfigurationProperties("figmart.gateway.shadow")
record ShadowProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0.1") double calibrationRate,
		@DefaultValue("256KB") DataSize maxBodySize,
		@DefaultValue({ "Content-Type", "Location", "Cache-Control" }) List<String> headersThatMatter,
		@DefaultValue("5s") Duration timeout, @DefaultValue("32") int maxConnections,
		@DefaultValue("64") int maxInFlight, @DefaultValue("256") int compareQueue,
		@DefaultValue("20") int keptMismatches, @DefaultValue("4KB") DataSize shownBodySize) {

	ShadowProperties {
		if (calibrationRate < 0 || calibrationRate > 1) {
			throw new IllegalArgumentException(
					"figmart.gateway.shadow.calibration-rate must be between 0 and 1, was " + calibrationRate);
		}
		positive("max-connections", maxConnections);
		positive("max-in-flight", maxInFlight);
		positive("compare-queue", compareQueue);
		if (maxBodySize.toBytes() <= 0 || maxBodySize.toBytes() > Integer.MAX_VALUE / 2) {
			throw new IllegalArgumentException("figmart.gateway.shadow.max-body-size must be between 1B and 1GB, was "
					+ maxBodySize);
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("figmart.gateway.shadow.timeout must be positive, was " + timeout);
		}
		headersThatMatter = List.copyOf(headersThatMatter);
	}

	private static void positive(String name, int value) {
		if (value < 1) {
			throw new IllegalArgumentException("figmart.gateway.shadow." + name + " must be at least 1, was " + value);
		}
	}

	int maxBodyBytes() {
		return (int) this.maxBodySize.toBytes();
	}

	int shownBodyChars() {
		return (int) Math.min(Integer.MAX_VALUE, this.shownBodySize.toBytes());
	}

}
