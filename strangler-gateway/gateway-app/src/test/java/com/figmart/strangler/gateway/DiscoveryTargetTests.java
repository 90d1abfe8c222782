package com.figmart.strangler.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A target named {@code lb://name} is resolved through service discovery for every request, here Spring Cloud's
 * simple discovery client with two instances, so that both of them answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "figmart.gateway.security.enabled=false", "figmart.gateway.rate-limit.enabled=false",
				"figmart.gateway.targets.catalog-service=lb://catalog-service",
				"figmart.gateway.rules[0].id=catalog", "figmart.gateway.rules[0].pattern=/api/catalog/**",
				"figmart.gateway.rules[0].mode=NEW", "figmart.gateway.rules[0].target=catalog-service" })
class DiscoveryTargetTests {

	private static EchoServer legacy;

	private static EchoServer first;

	private static EchoServer second;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		legacy = EchoServer.start("legacy");
		first = EchoServer.start("catalog-1");
		second = EchoServer.start("catalog-2");
		registry.add("figmart.gateway.legacy-uri", legacy::uri);
		registry.add("spring.cloud.discovery.client.simple.instances.catalog-service[0].uri", first::uri);
		registry.add("spring.cloud.discovery.client.simple.instances.catalog-service[1].uri", second::uri);
	}

	@AfterAll
	static void stopServers() {
		legacy.close();
		first.close();
		second.close();
	}

	@Test
	void aDiscoveredTargetIsBalancedOverItsInstances() {
		WebTestClient client = GatewayClients.at(this.port);
		Set<String> servers = new HashSet<>();
		for (int i = 0; i < 6; i++) {
			client.get().uri("/api/catalog/products").exchange()
				.expectStatus().isOk()
				.expectHeader().valueEquals(StranglerRoutingFilter.SERVED_BY_HEADER, "catalog-service")
				.expectBody(String.class).value((body) -> servers.add(body.replaceAll(".*\"server\":\"([^\"]+)\".*", "$1")));
		}
		assertThat(servers).containsExactlyInAnyOrder("catalog-1", "catalog-2");
	}

}
