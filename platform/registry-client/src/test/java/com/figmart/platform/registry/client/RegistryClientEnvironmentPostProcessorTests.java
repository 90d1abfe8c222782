package com.figmart.platform.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RegistryClientEnvironmentPostProcessorTests {

	@Test
	void withoutARegistryTheClientIsOff() {
		StandardEnvironment environment = postProcessed(Map.of());
		assertThat(environment.getProperty("eureka.client.enabled", Boolean.class)).isFalse();
		assertThat(environment.getProperty("eureka.client.service-url.defaultZone")).isNull();
	}

	@Test
	void aRegistryUrlTurnsItOnWithTheEurekaPathAdded() {
		StandardEnvironment environment = postProcessed(Map.of("figmart.registry.url", "http://127.0.0.1:8761"));
		assertThat(environment.getProperty("eureka.client.enabled", Boolean.class)).isTrue();
		assertThat(environment.getProperty("eureka.client.service-url.defaultZone")).isEqualTo("http://127.0.0.1:8761/eureka/");
	}

	@Test
	void severalRegistriesAndExplicitPathsAreKept() {
		assertThat(RegistryClientEnvironmentPostProcessor.serviceUrl("http://a:8761/, http://b:8761/registry/eureka"))
			.isEqualTo("http://a:8761/eureka/,http://b:8761/registry/eureka/");
	}

	@Test
	void eurekasOwnServiceUrlTurnsItOnAndIsNotReplaced() {
		StandardEnvironment environment = postProcessed(Map.of("eureka.client.serviceUrl.defaultZone",
				"http://10.0.0.1:8761/eureka/", "figmart.registry.url", "http://127.0.0.1:8761"));
		assertThat(environment.getProperty("eureka.client.enabled", Boolean.class)).isTrue();
		assertThat(environment.getProperty("eureka.client.service-url.defaultZone")).isNull();
		assertThat(environment.getProperty("eureka.client.serviceUrl.defaultZone")).isEqualTo("http://10.0.0.1:8761/eureka/");
	}

	@Test
	void anExplicitSwitchWins() {
		StandardEnvironment environment = postProcessed(
				Map.of("figmart.registry.url", "http://127.0.0.1:8761", "eureka.client.enabled", "false"));
		assertThat(environment.getProperty("eureka.client.enabled", Boolean.class)).isFalse();
	}

	@Test
	void theAppsOwnSettingsWinOverTheDefaults() {
		StandardEnvironment environment = postProcessed(Map.of("eureka.instance.lease-renewal-interval-in-seconds", "10",
				"spring.application.name", "catalog-service", "server.port", "9001"));
		assertThat(environment.getProperty("eureka.instance.lease-renewal-interval-in-seconds")).isEqualTo("10");
		assertThat(environment.getProperty("eureka.instance.lease-expiration-duration-in-seconds")).isEqualTo("6");
		assertThat(environment.getProperty("eureka.instance.instance-id")).isEqualTo("catalog-service:127.0.0.1:9001");
	}

	private static StandardEnvironment postProcessed(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		new RegistryClientEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
