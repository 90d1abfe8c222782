package com.figmart.strangler.gateway.edge;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The edge settings: their defaults, and a start refused with the property named when one makes no sense.
 */
class EdgePropertiesTests {

	@Test
	void hasTheDocumentedDefaults() {
		EdgeProperties properties = bind(Map.of());
		assertThat(properties.maxRequestSize().toBytes()).isEqualTo(1024 * 1024);
		assertThat(properties.security().enabled()).isTrue();
		assertThat(properties.security().localKeyFile()).isEqualTo(Path.of("data/strangler-gateway/jwt-hs256.key"));
		assertThat(properties.security().rolesClaim()).isEqualTo("roles");
		assertThat(properties.security().customerPaths()).containsExactly("/api/orders/**", "/api/carts/**",
				"/api/payments/**");
		assertThat(properties.security().forcedTargetRequiresAdmin()).isTrue();
		assertThat(properties.rateLimit()).isEqualTo(new EdgeProperties.RateLimit(true, 200, 100, 100_000));
		assertThat(properties.accessLog().enabled()).isTrue();
	}

	@Test
	void anEmptyCustomerPathListOpensThemAll() {
		assertThat(bind(Map.of("figmart.gateway.security.customer-paths", "")).security().customerPaths()).isEmpty();
	}

	@Test
	void refusesAnEmptyBucket() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("figmart.gateway.rate-limit.capacity", "0")))
			.havingRootCause()
			.withMessageContaining("figmart.gateway.rate-limit.capacity must be at least 1");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("figmart.gateway.rate-limit.refill-per-second", "0")))
			.havingRootCause()
			.withMessageContaining("figmart.gateway.rate-limit.refill-per-second must be positive");
	}

	private static EdgeProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("figmart.gateway",
				EdgeProperties.class);
	}

}
