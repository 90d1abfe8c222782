package com.figmart.strangler.gateway.resilience;

import io.micrometer.core.instrument.MeterRegistry;

import com.figmart.strangler.gateway.AutomaticRollback;
import com.figmart.strangler.gateway.LiveRules;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires resilience at the edge and the guards.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResilienceProperties.class)
class ResilienceConfiguration {

	@Bean
	TargetProtection stranglerTargetProtection(ResilienceProperties properties) {
		return new TargetProtection(properties);
	}

	@Bean
	TrafficMonitor stranglerTrafficMonitor(ResilienceProperties properties, TargetProtection protection,
			ObjectProvider<MeterRegistry> meters) {
		return new TrafficMonitor(properties, protection, meters.getIfUnique(), System::nanoTime);
	}

	@Bean
	EdgeResilienceFilter stranglerEdgeResilienceFilter(TargetProtection protection, TrafficMonitor traffic,
			ResilienceProperties properties) {
		return new EdgeResilienceFilter(protection, traffic, new RetryBackoff(properties.retry()), properties);
	}

	/** Guards work without an {@link AutomaticRollback} bean, warning instead of acting. */
	@Bean
	RuleGuards stranglerRuleGuards(LiveRules rules, TrafficMonitor traffic, ObjectProvider<AutomaticRollback> rollback,
			ResilienceProperties properties) {
		return new RuleGuards(rules, traffic, rollback::getIfAvailable, properties.guardInterval());
	}

}
