package com.figmart.strangler.gateway.resilience;


import com.figmart.strangler.gateway.GatewayClients;
import com.figmart.strangler.gateway.SeedRules;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PUT made retryable by configuration: every attempt carries the whole body, and POST is still sent once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "figmart.gateway.security.enabled=false", "figmart.gateway.rate-limit.enabled=false",
				"figmart.gateway.resilience.retry.methods=GET,HEAD,OPTIONS,PUT",
				"figmart.gateway.resilience.retry.initial-backoff=10ms",
				"figmart.gateway.resilience.retry.max-body-size=300KB",
				// the edge's request-size limit stays far above the bodies sent here
				"figmart.gateway.max-request-size=8MB" })
class RetriedPutTests {

	private static FaultyServer legacy;

	private static FaultyServer items;

	@LocalServerPort
	private int port;

	private WebTestClient client;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		legacy = FaultyServer.start("legacy");
		items = FaultyServer.start("items").on("/api/items", FaultyServer.Behaviour.failFirst(2, 503));
		registry.add("figmart.gateway.legacy-uri", legacy::uri);
		registry.add("figmart.gateway.targets.items", items::uri);
		SeedRules.in(registry).rule("items", "", "/api/items/**", "NEW", "items");
	}

	@AfterAll
	static void stopServers() {
		legacy.close();
		items.close();
	}

	@BeforeEach
	void client() {
		this.client = GatewayClients.at(this.port);
	}

	@Test
	void retriedPutCarriesItsWholeBodyEveryTime() {
		String body = "x".repeat(256 * 1024);
		this.client.put()
			.uri("/api/items/1")
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.server")
			.isEqualTo("items")
			.jsonPath("$.bodyLength")
			.isEqualTo(body.length());
		assertThat(items.arrivals("PUT", "/api/items/1")).isEqualTo(3);
	}

	@Test
	void putWithABodyOverTheLimitIsSentOnceAndStreamed() {
		String body = "y".repeat(512 * 1024);
		this.client.put().uri("/api/items/3").bodyValue(body).exchange().expectStatus().isEqualTo(503);
		assertThat(items.arrivals("PUT", "/api/items/3")).isEqualTo(1);
	}

	@Test
	void postIsStillSentOnce() {
		this.client.post().uri("/api/items/2").bodyValue("{}").exchange().expectStatus().isEqualTo(503);
		assertThat(items.arrivals("POST", "/api/items/2")).isEqualTo(1);
	}

}
