package com.figmart.strangler.gateway.shadow;

import java.time.Clock;

import com.figmart.strangler.gateway.LiveRules;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Configuration;

/**
 * Wires shadow traffic. {@link ShadowReports} always exists (empty when shadowing is off), so the dashboard
 * and the admin API need not care whether it is on.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShadowProperties.class)
class ShadowConfiguration {

	@Bean
	ShadowReports shadowReports(ShadowProperties properties) {
		return new ShadowReports(Clock.systemUTC(), properties.keptMismatches());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "figmart.gateway.shadow", name = "enabled", havingValue = "true",
			matchIfMissing = true)
	static class Mirroring {

		@Bean
		ShadowClient shadowClient(ShadowProperties properties) {
			return new ShadowClient(properties);
		}

		@Bean
		ShadowTraffic shadowTraffic(ShadowProperties properties, ShadowClient client, ObjectProvider<DiscoveryClient> discovery,
				ShadowReports reports) {
			return new ShadowTraffic(properties, client, new ShadowTargets(discovery), reports);
		}

		@Bean
		ShadowFilter shadowFilter(ShadowTraffic traffic) {
			return new ShadowFilter(traffic);
		}

		@Bean
		ShadowResponseTap shadowResponseTap(LiveRules rules, ShadowTraffic traffic) {
			return new ShadowResponseTap(rules, traffic);
		}

	}

}
