package com.figmart.strangler.gateway;

import java.net.URI;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the rule engine into Spring Cloud Gateway: one catch-all route whose destination is rewritten per
 * request by {@link StranglerRoutingFilter}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WriteHoldProperties.class)
class RoutingConfiguration {

	/** The id of the single gateway route. */
	static final String ROUTE_ID = "strangler";

	/** The gateway's own pages and API, never proxied. */
	static final String ADMIN_PATHS = "/admin/**";

	@Bean
	Targets stranglerTargets(GatewayRoutingProperties properties) {
		return Targets.from(properties);
	}

	/**
	 * The live rules, first from configuration; fails the start when a rule is invalid or names an unknown
	 * target. Before the server accepts requests the rule store seeds itself from them (first start only) and
	 * replaces them with the stored rules (see {@code store.RulePropagation}).
	 */
	@Bean
	LiveRules stranglerLiveRules(GatewayRoutingProperties properties, Targets targets) {
		return new LiveRules(ConfiguredRules.toRules(properties.rules(), targets));
	}

	/**
	 * Every request but the gateway's own {@value #ADMIN_PATHS} matches this route; its URI (the monolith) is
	 * only the default that {@link StranglerRoutingFilter} replaces when a rule sends the request elsewhere. An
	 * admin path without a handler here is a 404, never a request to the monolith.
	 */
	@Bean
	RouteLocator stranglerRoute(RouteLocatorBuilder builder, Targets targets) {
		URI legacy = targets.legacy();
		return builder.routes()
			.route(ROUTE_ID, (route) -> route.not((admin) -> admin.path(ADMIN_PATHS)).uri(legacy))
			.build();
	}

	/** The write holds of this instance, applied from the rule store together with the rules. */
	@Bean
	WriteHolds writeHolds(WriteHoldProperties properties) {
		return new WriteHolds(properties);
	}

	@Bean
	StranglerRoutingFilter stranglerRoutingFilter(LiveRules rules, Targets targets,
			GatewayRoutingProperties properties, WriteHolds writeHolds) {
		return new StranglerRoutingFilter(new RouteDecider(rules, targets),
				new StickyKeys(properties.sessionCookie()), writeHolds);
	}

}
