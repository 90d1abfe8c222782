package com.figmart.strangler.gateway.store;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.figmart.platform.postgres.test.SharedTestPostgres;
import com.figmart.strangler.gateway.EchoServer;
import com.figmart.strangler.gateway.WriteHolds;
import com.figmart.strangler.rules.Mode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A write hold placed through one gateway instance holds the writes of every instance on the same store, and a
 * release with a change of mode sends the writes held anywhere to the new side.
 */
class WriteHoldInstancesTests {

	private static final String[] CONFIGURED = { "--figmart.gateway.rules[0].id=catalog-write",
			"--figmart.gateway.rules[0].methods=POST,PUT", "--figmart.gateway.rules[0].pattern=/api/catalog/**",
			"--figmart.gateway.rules[0].mode=LEGACY", "--figmart.gateway.rules[0].target=catalog-service" };

	private static EchoServer legacy;

	private static EchoServer catalog;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@BeforeAll
	static void startBackends() {
		legacy = EchoServer.start("legacy");
		catalog = EchoServer.start("catalog-service");
	}

	@AfterAll
	static void stopBackends() {
		legacy.close();
		catalog.close();
	}

	@Test
	void aHoldReachesEveryInstanceAndTheReleaseWithItsModeToo() throws Exception {
		String database = SharedTestPostgres.freshDatabase();
		try (GatewayInstance a = start(database); GatewayInstance b = start(database)) {
			a.client().post().uri("/admin/api/rules/catalog-write/write-hold").contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"maxHoldMillis\": 2000, \"reason\": \"cutover\"}")
				.exchange()
				.expectStatus().isOk()
				.expectBody()
				.jsonPath("$.inFlightDrained").isEqualTo(true)
				.jsonPath("$.instances").isEqualTo(2)
				.jsonPath("$.instancesDrained").isEqualTo(2);
			// every instance acknowledged the hold before the answer: B holds writes already
			assertThat(b.bean(WriteHolds.class).isHeld("catalog-write")).isTrue();

			CompletableFuture<HttpResponse<String>> heldOnB = post(b, "/api/catalog/products", "held on b");
			CompletableFuture<HttpResponse<String>> heldOnA = post(a, "/api/catalog/products", "held on a");
			await().atMost(Duration.ofSeconds(1)).until(() -> b.bean(WriteHolds.class).waiting("catalog-write") == 1
					&& a.bean(WriteHolds.class).waiting("catalog-write") == 1);
			// reads are not held on either instance
			b.client().get().uri("/api/catalog/products").exchange().expectStatus().isOk()
				.expectHeader().valueEquals("X-Figmart-Served-By", "legacy").expectBody();

			a.client().delete().uri("/admin/api/rules/catalog-write/write-hold?mode=NEW&version=1&reason=switched")
				.exchange()
				.expectStatus().isOk()
				.expectBody().jsonPath("$.mode").isEqualTo("NEW");

			for (CompletableFuture<HttpResponse<String>> held : List.of(heldOnA, heldOnB)) {
				HttpResponse<String> answered = held.get(5, TimeUnit.SECONDS);
				assertThat(answered.statusCode()).isEqualTo(200);
				assertThat(answered.headers().firstValue("X-Figmart-Served-By")).hasValue("catalog-service");
			}
			assertThat(catalog.received().stream().map((r) -> new String(r.body(), StandardCharsets.UTF_8)))
				.contains("held on a", "held on b");
			assertThat(legacy.received().stream().map((r) -> new String(r.body(), StandardCharsets.UTF_8)))
				.doesNotContain("held on a", "held on b");
			assertThat(b.liveRules().rule("catalog-write").orElseThrow().rule().mode()).isEqualTo(Mode.NEW);
			assertThat(b.bean(WriteHolds.class).isHeld("catalog-write")).isFalse();
		}
	}

	@Test
	void everyInstanceEndsTheHoldByItselfAndAStartedInstanceAppliesAHoldThatIsOn() throws Exception {
		String database = SharedTestPostgres.freshDatabase();
		try (GatewayInstance a = start(database)) {
			a.store().hold("catalog-write", Duration.ofMillis(1500), Attribution.by("alice", "hold across a start"));
			try (GatewayInstance b = start(database)) {
				assertThat(b.bean(WriteHolds.class).isHeld("catalog-write")).isTrue();
				HttpResponse<String> answered = post(b, "/api/catalog/items", "waits for the end").get(5,
						TimeUnit.SECONDS);
				assertThat(answered.statusCode()).isEqualTo(200);
				assertThat(answered.headers().firstValue("X-Figmart-Served-By")).hasValue("legacy");
				assertThat(answered.headers().firstValue("X-Figmart-Write-Held")).isPresent();
				assertThat(a.bean(WriteHolds.class).isHeld("catalog-write")).isFalse();
				assertThat(b.store().find("catalog-write").orElseThrow().writeHold()).isNull();
			}
		}
	}

	@Test
	void theHoldAnswersOnceAWriteUnderWayOnAnotherInstanceIsAnswered() throws Exception {
		String database = SharedTestPostgres.freshDatabase();
		CountDownLatch arrived = new CountDownLatch(1);
		CountDownLatch open = new CountDownLatch(1);
		HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		ExecutorService slowThreads = Executors.newCachedThreadPool();
		slow.setExecutor(slowThreads);
		slow.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			arrived.countDown();
			try {
				open.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		slow.start();
		String slowUri = "http://127.0.0.1:" + slow.getAddress().getPort();
		String[] toSlow = { "--figmart.gateway.rules[0].id=catalog-write", "--figmart.gateway.rules[0].methods=POST",
				"--figmart.gateway.rules[0].pattern=/api/catalog/**", "--figmart.gateway.rules[0].mode=NEW",
				"--figmart.gateway.rules[0].target=catalog-service" };
		try (GatewayInstance a = GatewayInstance.start(database, legacy.uri(), slowUri, toSlow);
				GatewayInstance b = GatewayInstance.start(database, legacy.uri(), slowUri, toSlow)) {
			CompletableFuture<HttpResponse<String>> underWayOnB = post(b, "/api/catalog/products", "slow");
			assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();

			CompletableFuture<HttpResponse<String>> holding = http.sendAsync(
					HttpRequest.newBuilder(URI.create(a.baseUrl() + "/admin/api/rules/catalog-write/write-hold"))
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"drain everywhere\"}"))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			await().atMost(Duration.ofSeconds(1)).until(() -> b.bean(WriteHolds.class).isHeld("catalog-write"));
			assertThat(a.store().acknowledgements("catalog-write",
					a.store().find("catalog-write").orElseThrow().writeHold().heldSince()))
				.as("A has acknowledged, B has a write under way").isEqualTo(new HoldAcknowledgements(2, 1));
			assertThat(holding).isNotDone();

			open.countDown();
			assertThat(underWayOnB.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
			HttpResponse<String> held = holding.get(5, TimeUnit.SECONDS);
			assertThat(held.statusCode()).isEqualTo(200);
			assertThat(held.body()).contains("\"inFlightDrained\":true", "\"instances\":2",
					"\"instancesDrained\":2");
		}
		finally {
			open.countDown();
			slow.stop(0);
			slowThreads.shutdownNow();
		}
	}

	@Test
	void anInstanceNotHeardOfForThreeHeartbeatsIsNotWaitedForAndALiveOneThatDoesNotAnswerIsReported() {
		String database = SharedTestPostgres.freshDatabase();
		try (GatewayInstance a = start(database)) {
			JdbcClient jdbc = JdbcClient.create(a.bean(DataSource.class));
			jdbc.sql("insert into gateway.instances (id, seen_at) values ('gone', now() - interval '10 seconds')")
				.update();
			a.client().post().uri("/admin/api/rules/catalog-write/write-hold").contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"maxHoldMillis\": 500, \"reason\": \"alone\"}")
				.exchange()
				.expectStatus().isOk()
				.expectBody()
				.jsonPath("$.inFlightDrained").isEqualTo(true)
				.jsonPath("$.instances").isEqualTo(1);

			jdbc.sql("insert into gateway.instances (id, seen_at) values ('silent', now())").update();
			a.client().post().uri("/admin/api/rules/catalog-write/write-hold").contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"maxHoldMillis\": 300, \"reason\": \"one does not answer\"}")
				.exchange()
				.expectStatus().isOk()
				.expectBody()
				.jsonPath("$.inFlightDrained").isEqualTo(false)
				.jsonPath("$.instances").isEqualTo(2)
				.jsonPath("$.instancesDrained").isEqualTo(1);
		}
	}

	private CompletableFuture<HttpResponse<String>> post(GatewayInstance instance, String path, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	private static GatewayInstance start(String database) {
		return GatewayInstance.start(database, legacy.uri(), catalog.uri(), CONFIGURED);
	}

}
