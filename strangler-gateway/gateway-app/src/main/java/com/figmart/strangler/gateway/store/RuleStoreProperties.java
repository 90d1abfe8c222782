package com.figmart.strangler.gateway.store;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the rule store under {@code figmart.gateway.store}.
 *
 * @param pollInterval how often every instance asks the store whether a rule changed; a change made through
 *     another instance is in effect here at most this long (plus one query) later
 * @param heartbeatInterval how often every instance tells the store it is alive; an instance not heard of for three
 *     intervals is not waited for when a write hold is placed
 */
@ConfigurationProperties("figmart.gateway.store")
record RuleStoreProperties(@DefaultValue("200ms") Duration pollInterval,
		@DefaultValue("1s") Duration heartbeatInterval) {

	RuleStoreProperties {
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalStateException(
					"figmart.gateway.store.poll-interval must be positive, was " + pollInterval);
		}
		if (heartbeatInterval.toMillis() < 1) {
			throw new IllegalStateException(
					"figmart.gateway.store.heartbeat-interval must be at least 1ms, was " + heartbeatInterval);
		}
	}

	/** An instance not heard of for this long is taken to be gone. */
	Duration instanceTimeout() {
		return heartbeatInterval.multipliedBy(3);
	}

}
