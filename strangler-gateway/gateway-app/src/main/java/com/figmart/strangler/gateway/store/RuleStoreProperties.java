package com.figmart.strangler.gateway.store;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the rule store under {@code figmart.gateway.store}.
 *
 * @param pollInterval how often every instance asks the store whether a rule changed; a change made through
 *     another instance is in effect here at most this long (plus one query) later
 */
@ConfigurationProperties("figmart.gateway.store")
record RuleStoreProperties(@DefaultValue("200ms") Duration pollInterval) {

	RuleStoreProperties {
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalStateException(
					"figmart.gateway.store.poll-interval must be positive, was " + pollInterval);
		}
	}

}
