package com.figmart.strangler.gateway.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.figmart.strangler.gateway.EchoServer;
import com.figmart.strangler.gateway.GatewayClients;
import com.figmart.strangler.gateway.SeedRules;
import com.figmart.strangler.gateway.WriteHolds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bound on requests waiting for one hold: past it, a 503 problem with {@code Retry-After}, counted; the
 * requests already waiting are not disturbed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "figmart.gateway.security.enabled=false", "spring.main.banner-mode=off",
				"figmart.gateway.rate-limit.enabled=false", "figmart.gateway.write-hold.max-waiting=3" })
class WriteHoldLimitTests {

	private static final String PROBLEM = "https://figmart.dev/problems/";

	private static EchoServer legacy;

	private static EchoServer catalog;

	@LocalServerPort
	private int port;

	@Autowired
	private WriteHolds writeHolds;

	private WebTestClient client;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		legacy = EchoServer.start("legacy");
		catalog = EchoServer.start("catalog-service");
		registry.add("figmart.gateway.legacy-uri", legacy::uri);
		registry.add("figmart.gateway.targets.catalog-service", catalog::uri);
		SeedRules.in(registry).rule("crowded", "", "/api/crowded/**", "LEGACY", "catalog-service");
	}

	@AfterAll
	static void stopBackends() {
		legacy.close();
		catalog.close();
	}

	@BeforeEach
	void client() {
		client = GatewayClients.at(port);
	}

	@Test
	void refusesWritesBeyondTheWaitingLimitWith503AndLetsTheOthersThrough() throws Exception {
		client.post().uri("/admin/api/rules/crowded/write-hold").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"maxHoldMillis\": 2000, \"reason\": \"crowd\"}")
			.exchange()
			.expectStatus().isOk()
			.expectBody();
		List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			waiting.add(send("DELETE", "/api/crowded/" + i, ""));
		}
		await().atMost(Duration.ofSeconds(1)).until(() -> writeHolds.waiting("crowded") == 3);

		client.patch().uri("/api/crowded/4").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
			.expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().value("Retry-After", (seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2))
			.expectBody()
			.jsonPath("$.type").isEqualTo(PROBLEM + "write-hold-full")
			.jsonPath("$.rule").isEqualTo("crowded")
			.jsonPath("$.maxWaiting").isEqualTo(3);
		assertThat(writeHolds.refused("crowded")).isEqualTo(1);
		client.get().uri("/admin/api/dashboard").exchange().expectBody()
			.jsonPath("$.rules[?(@.id == 'crowded')].writes.held").isEqualTo(true)
			.jsonPath("$.rules[?(@.id == 'crowded')].writes.waiting").isEqualTo(3)
			.jsonPath("$.rules[?(@.id == 'crowded')].writes.refused").isEqualTo(1);

		client.delete().uri("/admin/api/rules/crowded/write-hold?reason=done").exchange()
			.expectStatus().isOk()
			.expectBody();
		for (CompletableFuture<HttpResponse<String>> write : waiting) {
			assertThat(write.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}
		assertThat(legacy.received().stream().filter((r) -> r.path().startsWith("/api/crowded/")).count())
			.isEqualTo(3);
	}

	private CompletableFuture<HttpResponse<String>> send(String method, String path, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

}
