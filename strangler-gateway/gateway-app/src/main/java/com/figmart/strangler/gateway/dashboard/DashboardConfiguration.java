package com.figmart.strangler.gateway.dashboard;

import com.figmart.strangler.gateway.edge.TokenVerifier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the dashboard. Its routes are router functions, which Spring WebFlux consults before the gateway's
 * catch-all route, so {@code /admin/**} never reaches the monolith.
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

	@Bean
	RouterFunction<ServerResponse> dashboardRoutes(ObjectProvider<TokenVerifier> verifier) {
		return new DashboardPages(verifier.getIfAvailable()).routes();
	}

}
