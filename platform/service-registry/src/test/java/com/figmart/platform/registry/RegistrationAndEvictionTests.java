package com.figmart.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.netflix.discovery.EurekaClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The registry with real clients: small Boot apps in this JVM that register through {@code registry-client},
 * with the settings every Figmart app gets, on real ports.
 */
@SpringBootTest(classes = ServiceRegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistrationAndEvictionTests {

	/**
	 * Two leases (Eureka waits the lease duration twice after the last renewal) plus one eviction pass, from
	 * platform/registry-client and this registry's application.yml, with 4 s for a busy machine.
	 */
	private static final Duration EVICTION_BOUND = Duration.ofSeconds(2 * 6 + 2 + 4);

	@LocalServerPort
	private int port;

	@Test
	void twoInstancesOfAnAppRegisterSideBySide() {
		try (ConfigurableApplicationContext first = client("inventory-service");
				ConfigurableApplicationContext second = client("inventory-service")) {
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(registry().instances("inventory-service"))
					.isEqualTo(Map.of(instanceId("inventory-service", first), "UP",
							instanceId("inventory-service", second), "UP")));
		}
	}

	@Test
	void anInstanceThatFallsSilentIsEvictedByItsMissingHeartbeats() {
		try (ConfigurableApplicationContext survivor = client("pricing-service");
				ConfigurableApplicationContext silent = client("pricing-service",
						"--eureka.client.should-unregister-on-shutdown=false")) {
			String survivorId = instanceId("pricing-service", survivor);
			String silentId = instanceId("pricing-service", silent);
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(registry().instances("pricing-service"))
					.isEqualTo(Map.of(survivorId, "UP", silentId, "UP")));

			// as in a crash or a partition: the heartbeats stop, and nothing (no cancellation, no last status) is sent
			silent.getBean(EurekaClient.class).shutdown();
			long fellSilent = System.nanoTime();
			assertThat(registry().instances("pricing-service")).as("the registry cannot know yet")
				.containsEntry(silentId, "UP");

			await().atMost(EVICTION_BOUND)
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(registry().instances("pricing-service")).isEqualTo(Map.of(survivorId, "UP")));
			System.out.printf("evicted %d ms after the last heartbeat could have been sent%n",
					(System.nanoTime() - fellSilent) / 1_000_000);
		}
	}

	@Test
	void anInstanceWhoseHealthIsDownIsListedDown() {
		try (ConfigurableApplicationContext instance = client("shipping-service")) {
			String id = instanceId("shipping-service", instance);
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(registry().instances("shipping-service")).isEqualTo(Map.of(id, "UP")));

			instance.getBean(SwitchableHealth.class).down();
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(registry().instances("shipping-service")).isEqualTo(Map.of(id, "DOWN")));

			instance.getBean(SwitchableHealth.class).up();
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(registry().instances("shipping-service")).isEqualTo(Map.of(id, "UP")));
		}
	}

	@Test
	void anInstanceThatStopsCleanlyLeavesAtOnce() {
		ConfigurableApplicationContext instance = client("review-service");
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(registry().instances("review-service")).hasSize(1));
		instance.close();
		assertThat(registry().instances("review-service")).isEmpty();
	}

	private RegistryView registry() {
		return new RegistryView(URI.create("http://127.0.0.1:" + this.port));
	}

	private ConfigurableApplicationContext client(String name, String... settings) {
		List<String> args = new ArrayList<>(List.of(
				// not this module's application.yml, which configures the registry itself
				"--spring.config.name=registering-app",
				"--spring.application.name=" + name,
				"--server.port=" + freePort(),
				"--figmart.registry.url=http://127.0.0.1:" + this.port,
				// this classpath has the server's Jersey client: use the RestClient transport that apps use
				"--eureka.client.jersey.enabled=false"));
		args.addAll(List.of(settings));
		return new SpringApplicationBuilder(RegisteringApp.class).run(args.toArray(String[]::new));
	}

	private static String instanceId(String name, ConfigurableApplicationContext instance) {
		return name + ":127.0.0.1:" + instance.getEnvironment().getProperty("server.port");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class RegisteringApp {

		@Bean
		SwitchableHealth switchableHealth() {
			return new SwitchableHealth();
		}

	}

	static class SwitchableHealth implements HealthIndicator {

		private volatile boolean up = true;

		void up() {
			this.up = true;
		}

		void down() {
			this.up = false;
		}

		@Override
		public Health health() {
			return this.up ? Health.up().build() : Health.down().withDetail("reason", "switched off by the test").build();
		}

	}

}
