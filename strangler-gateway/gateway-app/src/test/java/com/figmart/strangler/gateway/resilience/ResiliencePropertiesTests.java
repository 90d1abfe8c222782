package com.figmart.strangler.gateway.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code figmart.gateway.resilience.*}: the defaults, the names, and the values refused at start.
 */
class ResiliencePropertiesTests {

	private static ResilienceProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("figmart.gateway.resilience", ResilienceProperties.class);
	}

	@Test
	void hasSafeDefaults() {
		ResilienceProperties properties = bind(Map.of());
		assertThat(properties.defaultTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.statsWindow()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.breaker().failureRateThreshold()).isEqualTo(50);
		assertThat(properties.breaker().waitInOpen()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.bulkhead().maxConcurrentCalls()).isEqualTo(200);
		assertThat(properties.retry().methods()).containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS");
		assertThat(properties.retry().maxAttempts()).isEqualTo(3);
		assertThat(properties.retry().budget()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.retry().maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
	}

	@Test
	void bindsKebabCaseNames() {
		ResilienceProperties properties = bind(Map.of("figmart.gateway.resilience.default-timeout", "800ms",
				"figmart.gateway.resilience.breaker.minimum-calls", "4",
				"figmart.gateway.resilience.bulkhead.max-concurrent-calls", "7",
				"figmart.gateway.resilience.retry.methods", "get,put",
				"figmart.gateway.resilience.retry.max-body-size", "64KB"));
		assertThat(properties.defaultTimeout()).isEqualTo(Duration.ofMillis(800));
		assertThat(properties.breaker().minimumCalls()).isEqualTo(4);
		assertThat(properties.bulkhead().maxConcurrentCalls()).isEqualTo(7);
		assertThat(properties.retry().methods()).isEqualTo(Set.of("GET", "PUT"));
		assertThat(properties.retry().maxBodySize()).isEqualTo(DataSize.ofKilobytes(64));
	}

	@Test
	void refusesToRetryPost() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("figmart.gateway.resilience.retry.methods", "GET,POST")))
			.havingRootCause()
			.withMessageContaining("retry.methods must not contain POST");
	}

	@Test
	void refusesMeaninglessValues() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("figmart.gateway.resilience.retry.jitter", "1.5")))
			.havingRootCause()
			.withMessageContaining("jitter");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("figmart.gateway.resilience.stats-window", "500ms")))
			.havingRootCause()
			.withMessageContaining("stats-window must be at least 1s");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("figmart.gateway.resilience.stats-window", "2m")))
			.havingRootCause()
			.withMessageContaining("stats-history");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("figmart.gateway.resilience.bulkhead.max-concurrent-calls", "0")))
			.havingRootCause()
			.withMessageContaining("bulkhead.max-concurrent-calls");
	}

}
