package com.figmart.strangler.gateway.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.figmart.strangler.gateway.EchoServer;
import com.figmart.strangler.gateway.GatewayClients;
import com.figmart.strangler.gateway.LiveRules;
import com.figmart.strangler.gateway.WriteHolds;
import com.figmart.strangler.gateway.store.RuleChangeRecord;
import com.figmart.strangler.gateway.store.RuleStore;
import com.figmart.strangler.rules.Mode;
import com.sun.net.httpserver.HttpServer;
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
 * Write holds through the admin API, over real sockets, on a real (embedded) PostgreSQL: held writes wait and go
 * where the rule sends them when the hold ends; reads are never held; holds end by themselves; nothing is lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "figmart.gateway.security.enabled=false", "spring.main.banner-mode=off",
				"figmart.gateway.rate-limit.enabled=false" })
class WriteHoldTests {

	private static final String PROBLEM = "https://figmart.dev/problems/";

	private static EchoServer legacy;

	private static EchoServer catalog;

	private static GatedServer gated;

	@LocalServerPort
	private int port;

	@Autowired
	private WriteHolds writeHolds;

	@Autowired
	private LiveRules liveRules;

	@Autowired
	private RuleStore store;

	private WebTestClient client;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		legacy = EchoServer.start("legacy");
		catalog = EchoServer.start("catalog-service");
		gated = GatedServer.start();
		registry.add("figmart.gateway.legacy-uri", legacy::uri);
		registry.add("figmart.gateway.targets.catalog-service", catalog::uri);
		registry.add("figmart.gateway.targets.gated", gated::uri);
	}

	@AfterAll
	static void stopBackends() {
		legacy.close();
		catalog.close();
		gated.close();
	}

	@BeforeEach
	void client() {
		client = GatewayClients.at(port);
	}

	@Test
	void aHeldWriteWaitsAndGoesWhereTheRuleSendsItWhenTheHoldIsReleased() throws Exception {
		create("cutover", "/api/cutover/**", "LEGACY", "catalog-service");

		client.post().uri("/admin/api/rules/cutover/write-hold").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"maxHoldMillis\": 2000, \"reason\": \"catalog write cutover\"}")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.ruleId").isEqualTo("cutover")
			.jsonPath("$.version").isEqualTo(1)
			.jsonPath("$.inFlightDrained").isEqualTo(true)
			.jsonPath("$.instances").isEqualTo(1)
			.jsonPath("$.instancesDrained").isEqualTo(1)
			.jsonPath("$.waiting").isEqualTo(0)
			.jsonPath("$.heldUntil").value((until) -> assertThat(Instant.parse((String) until))
				.isAfter(Instant.now()).isBefore(Instant.now().plusMillis(2001)));

		CompletableFuture<HttpResponse<String>> write = send("POST", "/api/cutover/items", "held-write");
		await().atMost(Duration.ofSeconds(1)).until(() -> writeHolds.waiting("cutover") == 1);
		assertThat(write).isNotDone();
		assertThat(legacy.sawPath("/api/cutover/items")).isFalse();
		assertThat(catalog.sawPath("/api/cutover/items")).isFalse();
		client.get().uri("/admin/api/rules/cutover").exchange().expectBody()
			.jsonPath("$.writeHold.heldBy").isEqualTo("anonymous")
			.jsonPath("$.writeHold.reason").isEqualTo("catalog write cutover")
			.jsonPath("$.writeHold.waiting").isEqualTo(1);

		client.delete().uri("/admin/api/rules/cutover/write-hold?mode=NEW&version=1&reason=catalog is the system of record")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.mode").isEqualTo("NEW")
			.jsonPath("$.version").isEqualTo(2)
			.jsonPath("$.writeHold").isEmpty();

		HttpResponse<String> answered = write.get(5, TimeUnit.SECONDS);
		assertThat(answered.statusCode()).isEqualTo(200);
		assertThat(answered.headers().firstValue("X-Figmart-Served-By")).hasValue("catalog-service");
		assertThat(answered.headers().firstValue("X-Figmart-Write-Held")).isPresent();
		assertThat(catalog.lastTo("/api/cutover/items").body()).asString(StandardCharsets.UTF_8)
			.isEqualTo("held-write");
		assertThat(legacy.sawPath("/api/cutover/items")).isFalse();

		List<RuleChangeRecord> history = store.history("cutover");
		assertThat(history).extracting(RuleChangeRecord::action)
			.containsExactly(RuleChangeRecord.Action.RELEASE, RuleChangeRecord.Action.UPDATE,
					RuleChangeRecord.Action.HOLD, RuleChangeRecord.Action.CREATE);
		assertThat(history.get(2).reason()).isEqualTo("catalog write cutover");
		assertThat(history.get(2).to().writeHold()).isNotNull();
		assertThat(history.get(2).to().version()).isEqualTo(1);
		assertThat(history.get(1).to().rule().rule().mode()).isEqualTo(Mode.NEW);
		assertThat(history.get(0).reason()).isEqualTo("catalog is the system of record");
		assertThat(history.get(0).to().writeHold()).isNull();
	}

	@Test
	void readsAreNeverHeld() {
		create("reads", "/api/reads/**", "LEGACY", "catalog-service");
		hold("reads", 2000);

		for (String method : List.of("GET", "HEAD", "OPTIONS")) {
			client.method(org.springframework.http.HttpMethod.valueOf(method)).uri("/api/reads/1").exchange()
				.expectStatus().isOk()
				.expectHeader().doesNotExist("X-Figmart-Write-Held")
				.expectBody();
		}
		assertThat(writeHolds.isHeld("reads")).isTrue();
		release("reads");
	}

	@Test
	void aHoldEndsByItselfAndTheHeldWriteGoesOnUnchanged() throws Exception {
		create("expiring", "/api/expiring/**", "LEGACY", "catalog-service");
		hold("expiring", 300);

		CompletableFuture<HttpResponse<String>> write = send("PUT", "/api/expiring/1", "{\"n\":1}");
		HttpResponse<String> answered = write.get(5, TimeUnit.SECONDS);

		assertThat(answered.statusCode()).isEqualTo(200);
		assertThat(answered.headers().firstValue("X-Figmart-Served-By")).hasValue("legacy");
		assertThat(answered.headers().firstValue("X-Figmart-Write-Held")).isPresent();
		assertThat(legacy.lastTo("/api/expiring/1").body()).asString(StandardCharsets.UTF_8).isEqualTo("{\"n\":1}");
		assertThat(writeHolds.isHeld("expiring")).isFalse();
		client.get().uri("/admin/api/rules/expiring").exchange().expectBody().jsonPath("$.writeHold").isEmpty();
		// too late to switch: the held writes have gone on to the old side
		client.delete().uri("/admin/api/rules/expiring/write-hold?mode=NEW&version=1&reason=too late").exchange()
			.expectStatus().isEqualTo(HttpStatus.CONFLICT)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo(PROBLEM + "write-hold-not-active")
			.jsonPath("$.ruleId").isEqualTo("expiring")
			.jsonPath("$.heldUntil").isNotEmpty()
			.jsonPath("$.rule.mode").isEqualTo("LEGACY");
		assertThat(liveRules.rule("expiring").orElseThrow().rule().mode()).isEqualTo(Mode.LEGACY);
	}

	@Test
	void underConcurrentWritesAHoldAndAModeSwitchAnswerEveryWriteOnceByOneSide() throws Exception {
		create("concurrent", "/api/concurrent/**", "LEGACY", "catalog-service");
		AtomicBoolean writing = new AtomicBoolean(true);
		AtomicInteger sequence = new AtomicInteger();
		List<String> sent = new CopyOnWriteArrayList<>();
		List<String> failures = new CopyOnWriteArrayList<>();
		List<String> heldServedBy = new CopyOnWriteArrayList<>();
		ExecutorService writers = Executors.newFixedThreadPool(8);
		for (int i = 0; i < 8; i++) {
			writers.submit(() -> {
				while (writing.get()) {
					String id = "w-" + sequence.incrementAndGet();
					sent.add(id);
					try {
						HttpResponse<String> response = send("POST", "/api/concurrent/orders", id).get(10,
								TimeUnit.SECONDS);
						if (response.statusCode() != 200) {
							failures.add(id + ": " + response.statusCode() + " " + response.body());
						}
						response.headers().firstValue("X-Figmart-Write-Held").ifPresent((held) -> heldServedBy
							.add(response.headers().firstValue("X-Figmart-Served-By").orElse("?")));
					}
					catch (Exception ex) {
						failures.add(id + ": " + ex);
					}
				}
			});
		}
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() > 50);
			hold("concurrent", 2000);
			await().atMost(Duration.ofSeconds(1)).until(() -> writeHolds.waiting("concurrent") >= 4);
			client.delete().uri("/admin/api/rules/concurrent/write-hold?mode=NEW&version=1&reason=switch").exchange()
				.expectStatus().isOk();
			int afterRelease = sent.size();
			await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() > afterRelease + 50);
		}
		finally {
			writing.set(false);
			writers.shutdown();
			assertThat(writers.awaitTermination(15, TimeUnit.SECONDS)).isTrue();
		}

		assertThat(failures).isEmpty();
		List<String> toLegacy = bodiesOfWritesTo(legacy, "/api/concurrent/orders");
		List<String> toNew = bodiesOfWritesTo(catalog, "/api/concurrent/orders");
		assertThat(new HashSet<>(toLegacy)).hasSameSizeAs(toLegacy);
		assertThat(new HashSet<>(toNew)).hasSameSizeAs(toNew);
		assertThat(toLegacy).doesNotContainAnyElementsOf(toNew);
		List<String> both = new ArrayList<>(toLegacy);
		both.addAll(toNew);
		assertThat(both).containsExactlyInAnyOrderElementsOf(sent);
		assertThat(toLegacy).isNotEmpty();
		assertThat(toNew).isNotEmpty();
		assertThat(heldServedBy).hasSizeGreaterThanOrEqualTo(4).containsOnly("catalog-service");
	}

	@Test
	void theHoldAnswersOnceTheWritesUnderWayAreAnswered() throws Exception {
		create("gated", "/api/gated/**", "NEW", "gated");
		CompletableFuture<HttpResponse<String>> slowWrite = send("POST", "/api/gated/1", "under way");
		assertThat(gated.arrived.await(5, TimeUnit.SECONDS)).isTrue();

		CompletableFuture<HttpResponse<String>> holding = send("POST", "/admin/api/rules/gated/write-hold",
				"{\"reason\": \"drain\"}", "application/json");
		await().atMost(Duration.ofSeconds(2)).until(() -> writeHolds.isHeld("gated"));
		assertThat(holding).isNotDone();
		assertThat(writeHolds.inFlight("gated")).isEqualTo(1);

		gated.open.countDown();
		assertThat(slowWrite.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		HttpResponse<String> held = holding.get(5, TimeUnit.SECONDS);
		assertThat(held.statusCode()).isEqualTo(200);
		assertThat(held.body()).contains("\"inFlightDrained\":true").contains("\"inFlight\":0");
		release("gated");
	}

	@Test
	void theHoldSaysSoWhenWritesUnderWayAreNotAnsweredInTime() throws Exception {
		create("stuck", "/api/stuck/**", "NEW", "gated");
		gated.stuck.set(true);
		CompletableFuture<HttpResponse<String>> stuckWrite = send("POST", "/api/stuck/1", "under way");
		await().atMost(Duration.ofSeconds(5)).until(() -> writeHolds.inFlight("stuck") == 1);

		client.post().uri("/admin/api/rules/stuck/write-hold").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"maxHoldMillis\": 200, \"reason\": \"drain in time or say so\"}")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.inFlightDrained").isEqualTo(false)
			.jsonPath("$.inFlight").isEqualTo(1);
		gated.stuck.set(false);
		stuckWrite.cancel(true);
	}

	@Test
	void refusesInvalidHoldsAndReleasesNamingTheField() {
		create("validated", "/api/validated/**", "LEGACY", "catalog-service");
		client.post().uri("/admin/api/rules/nope/write-hold").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"reason\": \"x\"}").exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo(PROBLEM + "rule-not-found").jsonPath("$.ruleId").isEqualTo("nope");
		invalidHold("{\"maxHoldMillis\": 2001, \"reason\": \"too long\"}", "maxHoldMillis");
		invalidHold("{\"maxHoldMillis\": 0, \"reason\": \"too short\"}", "maxHoldMillis");
		invalidHold("{\"maxHoldMillis\": 500}", "reason");
		invalidHold("{\"maxHoldMilis\": 500, \"reason\": \"typo\"}", "maxHoldMilis");
		assertThat(writeHolds.isHeld("validated")).isFalse();

		client.delete().uri("/admin/api/rules/validated/write-hold?reason=nothing held").exchange()
			.expectStatus().isEqualTo(HttpStatus.CONFLICT)
			.expectBody().jsonPath("$.type").isEqualTo(PROBLEM + "write-hold-not-active");
		hold("validated", 2000);
		invalidRelease("/admin/api/rules/validated/write-hold", "reason");
		invalidRelease("/admin/api/rules/validated/write-hold?mode=NEW&reason=no version", "version");
		invalidRelease("/admin/api/rules/validated/write-hold?mode=NEWER&version=1&reason=typo", "mode");
		client.delete().uri("/admin/api/rules/validated/write-hold?mode=NEW&version=7&reason=stale").exchange()
			.expectStatus().isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.type").isEqualTo(PROBLEM + "version-conflict")
			.jsonPath("$.currentVersion").isEqualTo(1);
		client.delete().uri("/admin/api/rules/nope/write-hold?reason=unknown").exchange()
			.expectStatus().isNotFound();
		// none of the refused releases changed anything
		assertThat(writeHolds.isHeld("validated")).isTrue();
		assertThat(liveRules.rule("validated").orElseThrow().rule().mode()).isEqualTo(Mode.LEGACY);
		release("validated");
		assertThat(writeHolds.isHeld("validated")).isFalse();
	}

	@Test
	void aRuleCanBeChangedWhileHeldAndAPutOfTheRuleAsReadKeepsTheHold() {
		create("kept", "/api/kept/**", "LEGACY", "catalog-service");
		hold("kept", 2000);
		String read = client.get().uri("/admin/api/rules/kept").exchange()
			.expectBody(String.class).returnResult().getResponseBody();
		String changed = read.replace("\"LEGACY\"", "\"NEW\"").replaceFirst("\\}$", ",\"reason\":\"as read\"}");

		client.put().uri("/admin/api/rules/kept").contentType(MediaType.APPLICATION_JSON).bodyValue(changed)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.mode").isEqualTo("NEW")
			.jsonPath("$.writeHold.reason").isEqualTo("test hold");
		assertThat(writeHolds.isHeld("kept")).isTrue();
		release("kept");
	}

	private void invalidHold(String body, String field) {
		client.post().uri("/admin/api/rules/validated/write-hold").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body).exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo(PROBLEM + "invalid-rule")
			.jsonPath("$.field").isEqualTo(field);
	}

	private void invalidRelease(String uri, String field) {
		client.delete().uri(uri).exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.type").isEqualTo(PROBLEM + "invalid-rule")
			.jsonPath("$.field").isEqualTo(field);
	}

	private void create(String id, String pattern, String mode, String target) {
		client.post().uri("/admin/api/rules").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"id\": \"" + id + "\", \"pattern\": \"" + pattern + "\", \"mode\": \"" + mode
					+ "\", \"target\": \"" + target + "\", \"reason\": \"test\"}")
			.exchange()
			.expectStatus().isCreated()
			.expectBody();
	}

	private void hold(String id, int millis) {
		client.post().uri("/admin/api/rules/" + id + "/write-hold").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"maxHoldMillis\": " + millis + ", \"reason\": \"test hold\"}")
			.exchange()
			.expectStatus().isOk()
			.expectBody();
		assertThat(writeHolds.isHeld(id)).isTrue();
	}

	private void release(String id) {
		client.delete().uri("/admin/api/rules/" + id + "/write-hold?reason=test over").exchange()
			.expectStatus().isOk()
			.expectBody();
	}

	private CompletableFuture<HttpResponse<String>> send(String method, String path, String body) {
		return send(method, path, body, "text/plain");
	}

	private CompletableFuture<HttpResponse<String>> send(String method, String path, String body,
			String contentType) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", contentType)
			.timeout(Duration.ofSeconds(10))
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	private static List<String> bodiesOfWritesTo(EchoServer server, String path) {
		return server.received()
			.stream()
			.filter((r) -> r.method().equals("POST") && r.path().equals(path))
			.map((r) -> new String(r.body(), StandardCharsets.UTF_8))
			.toList();
	}

	/**
	 * A target that answers {@code /api/gated/**} only when the test opens the gate, and {@code /api/stuck/**}
	 * while {@link #stuck} is set never: writes that are under way for as long as a test needs.
	 */
	private static final class GatedServer implements AutoCloseable {

		final CountDownLatch arrived = new CountDownLatch(1);

		final CountDownLatch open = new CountDownLatch(1);

		final AtomicBoolean stuck = new AtomicBoolean();

		private final HttpServer server;

		private final ExecutorService executor = Executors.newCachedThreadPool();

		private GatedServer(HttpServer server) {
			this.server = server;
		}

		static GatedServer start() {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
				GatedServer gated = new GatedServer(server);
				server.createContext("/", (exchange) -> {
					try (InputStream in = exchange.getRequestBody()) {
						in.readAllBytes();
					}
					try {
						if (exchange.getRequestURI().getPath().startsWith("/api/gated/")) {
							gated.arrived.countDown();
							gated.open.await(10, TimeUnit.SECONDS);
						}
						while (gated.stuck.get() && exchange.getRequestURI().getPath().startsWith("/api/stuck/")) {
							Thread.sleep(10);
						}
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
					exchange.getResponseHeaders().set("Content-Type", "application/json");
					exchange.sendResponseHeaders(200, body.length);
					try (OutputStream out = exchange.getResponseBody()) {
						out.write(body);
					}
					catch (IOException ex) {
						// the gateway gave up on it
					}
				});
				server.setExecutor(gated.executor);
				server.start();
				return gated;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		String uri() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		@Override
		public void close() {
			this.open.countDown();
			this.stuck.set(false);
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

}
