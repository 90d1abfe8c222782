package com.figmart.strangler.gateway.edge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.figmart.strangler.gateway.EchoServer;
import com.figmart.strangler.gateway.GatewayClients;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limit per client over real sockets: a small bucket that refills slowly, so the test can empty it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "figmart.gateway.rate-limit.capacity=5", "figmart.gateway.rate-limit.refill-per-second=0.2" })
class RateLimitTests {

	private static Path keyFile;

	private static EchoServer legacy;

	@LocalServerPort
	private int port;

	private WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		legacy = EchoServer.start("legacy");
		keyFile = Files.createTempDirectory("rate-limit-tests").resolve("jwt.key");
		registry.add("figmart.gateway.legacy-uri", legacy::uri);
		registry.add("figmart.gateway.security.local-key-file", keyFile::toString);
	}

	@AfterAll
	static void stopUpstream() {
		legacy.close();
	}

	@BeforeEach
	void client() {
		this.client = GatewayClients.at(this.port);
	}

	@Test
	void refusesAClientPastItsBucketWith429AndRetryAfterAndKeepsOthersGoing() {
		String alice = "Bearer " + LocalTokens.fromKeyFile(keyFile).mint("alice", List.of("customer"), Duration.ofMinutes(5));
		for (int remaining = 4; remaining >= 0; remaining--) {
			this.client.get().uri("/api/catalog/products").header(HttpHeaders.AUTHORIZATION, alice).exchange()
				.expectStatus().isOk()
				.expectHeader().valueEquals("RateLimit-Limit", "5")
				.expectHeader().valueEquals("RateLimit-Remaining", Integer.toString(remaining));
		}
		int before = legacy.received().size();
		this.client.get().uri("/api/catalog/products").header(HttpHeaders.AUTHORIZATION, alice).exchange()
			.expectStatus().isEqualTo(429)
			.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
			.expectHeader().valueEquals("RateLimit-Remaining", "0")
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://figmart.dev/problems/too-many-requests")
			.jsonPath("$.status").isEqualTo(429)
			.jsonPath("$.client").isEqualTo("sub:alice")
			.jsonPath("$.retryAfterSeconds").isEqualTo(5);
		assertThat(legacy.received()).hasSize(before);

		// the same address without a token is another client, with a bucket of its own
		this.client.get().uri("/api/catalog/products").exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("RateLimit-Remaining", "4");
	}

	@Test
	void limitsTheAdminPathsToo() {
		String bob = "Bearer " + LocalTokens.fromKeyFile(keyFile).mint("bob", List.of("admin"), Duration.ofMinutes(5));
		for (int i = 0; i < 5; i++) {
			this.client.get().uri("/admin/api/rules").header(HttpHeaders.AUTHORIZATION, bob).exchange().expectStatus().isOk();
		}
		this.client.get().uri("/admin/api/rules").header(HttpHeaders.AUTHORIZATION, bob).exchange()
			.expectStatus().isEqualTo(429);
	}

}
