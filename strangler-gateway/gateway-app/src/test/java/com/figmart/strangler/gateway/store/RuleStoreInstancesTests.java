package com.figmart.strangler.gateway.store;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.figmart.platform.postgres.test.SharedTestPostgres;
import com.figmart.strangler.gateway.AutomaticRollback;
import com.figmart.strangler.gateway.EchoServer;
import com.figmart.strangler.gateway.GatewayRule;
import com.figmart.strangler.rules.Mode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several gateway instances on one database, and restarts: the store is the source of truth and every instance
 * follows it within a second.
 */
class RuleStoreInstancesTests {

	private static final String[] CONFIGURED = { "--figmart.gateway.rules[0].id=catalog",
			"--figmart.gateway.rules[0].methods=GET", "--figmart.gateway.rules[0].pattern=/api/catalog/**",
			"--figmart.gateway.rules[0].mode=LEGACY", "--figmart.gateway.rules[0].target=catalog-service" };

	private static EchoServer legacy;

	private static EchoServer catalog;

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
	void aChangeMadeThroughOneInstanceIsInEffectOnEveryInstanceWithinOneSecond() {
		String database = SharedTestPostgres.freshDatabase();
		try (GatewayInstance a = start(database); GatewayInstance b = start(database)) {
			b.client().get().uri("/api/catalog/1").exchange()
				.expectHeader().valueEquals("X-Figmart-Served-By", "legacy")
				.expectBody();

			a.client().patch().uri("/admin/api/rules/catalog").contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"mode\": \"NEW\", \"version\": 1, \"reason\": \"catalog service is ready\"}")
				.exchange()
				.expectStatus().isOk().expectBody();
			// the instance that made the change applied it before answering
			assertThat(a.liveRules().rule("catalog").orElseThrow().rule().mode()).isEqualTo(Mode.NEW);

			await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(
					() -> assertThat(b.liveRules().rule("catalog").orElseThrow().rule().version()).isEqualTo(2));
			b.client().get().uri("/api/catalog/1").exchange()
				.expectStatus().isOk()
				.expectHeader().valueEquals("X-Figmart-Served-By", "catalog-service").expectBody();

			b.client().delete().uri("/admin/api/rules/catalog?version=2&reason=not yet").exchange()
				.expectStatus().isNoContent().expectBody();
			await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
				.untilAsserted(() -> assertThat(a.liveRules().rule("catalog")).isEmpty());
		}
	}

	@Test
	void ofTwoChangesBasedOnTheSameVersionThroughTwoInstancesOnlyOneWins() throws Exception {
		String database = SharedTestPostgres.freshDatabase();
		try (GatewayInstance a = start(database); GatewayInstance b = start(database)) {
			CyclicBarrier together = new CyclicBarrier(2);
			CompletableFuture<Integer> alice = CompletableFuture.supplyAsync(() -> setMode(a, "NEW", together));
			CompletableFuture<Integer> bob = CompletableFuture.supplyAsync(() -> setMode(b, "CANARY(50)", together));

			assertThat(List.of(alice.get(), bob.get())).containsExactlyInAnyOrder(200, 409);
			assertThat(a.store().history("catalog")).hasSize(2);
			assertThat(a.store().find("catalog").orElseThrow().version()).isEqualTo(2);
		}
	}

	@Test
	void restartKeepsTheStoredRulesAndDoesNotSeedTheConfigurationAgain() {
		String database = SharedTestPostgres.freshDatabase();
		try (GatewayInstance first = start(database)) {
			first.client().patch().uri("/admin/api/rules/catalog").contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"mode\": \"CANARY(25)\", \"version\": 1, \"reason\": \"a quarter\"}")
				.exchange()
				.expectStatus().isOk().expectBody();
		}

		String[] changedConfiguration = { "--figmart.gateway.rules[0].id=catalog",
				"--figmart.gateway.rules[0].pattern=/api/catalog/**", "--figmart.gateway.rules[0].mode=NEW",
				"--figmart.gateway.rules[0].target=catalog-service", "--figmart.gateway.rules[1].id=orders",
				"--figmart.gateway.rules[1].pattern=/api/orders/**", "--figmart.gateway.rules[1].mode=NEW",
				"--figmart.gateway.rules[1].target=catalog-service" };
		try (GatewayInstance restarted = GatewayInstance.start(database, legacy.uri(), catalog.uri(),
				changedConfiguration)) {
			List<GatewayRule> live = restarted.liveRules().rules();
			assertThat(live).extracting(GatewayRule::id).containsExactly("catalog");
			assertThat(live.get(0).rule().mode()).isEqualTo(Mode.canary(25));
			assertThat(live.get(0).rule().version()).isEqualTo(2);
			assertThat(restarted.store().history("catalog")).extracting(RuleChangeRecord::actor)
				.containsExactly("anonymous", "configuration");
			assertThat(restarted.store().history("orders")).isEmpty();
		}
	}

	@Test
	void deletingEveryRuleDoesNotBringTheConfiguredOnesBackAtTheNextStart() {
		String database = SharedTestPostgres.freshDatabase();
		try (GatewayInstance first = start(database)) {
			first.store().delete("catalog", 1, Attribution.by("alice", "routing by configuration no more"));
		}
		try (GatewayInstance restarted = start(database)) {
			assertThat(restarted.liveRules().rules()).isEmpty();
			assertThat(restarted.store().rules()).isEmpty();
		}
	}

	@Test
	void anAutomaticRollbackIsAuditedWithItsMeasurementsAndReachesEveryInstance() {
		String database = SharedTestPostgres.freshDatabase();
		try (GatewayInstance a = start(database); GatewayInstance b = start(database)) {
			a.store().changeMode("catalog", 1, Mode.canary(10), Attribution.by("alice", "canary"));
			AutomaticRollback rollback = a.bean(AutomaticRollback.class);
			Map<String, Object> measured = Map.of("errorRate", 0.31, "p99Millis", 812, "requests", 240, "window",
					Duration.ofSeconds(10));

			assertThat(rollback.rollBackToLegacy("catalog", 1, "stale observation", measured)).isFalse();
			assertThat(rollback.rollBackToLegacy("catalog", 2, "error rate 0.31 > 0.05 over 10s", measured)).isTrue();
			assertThat(rollback.rollBackToLegacy("catalog", 2, "error rate 0.31 > 0.05 over 10s", measured)).isFalse();

			assertThat(a.liveRules().rule("catalog").orElseThrow().rule().mode()).isEqualTo(Mode.LEGACY);
			await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(
					() -> assertThat(b.liveRules().rule("catalog").orElseThrow().rule().mode()).isEqualTo(Mode.LEGACY));
			RuleChangeRecord change = b.store().history("catalog").get(0);
			assertThat(change.action()).isEqualTo(RuleChangeRecord.Action.UPDATE);
			assertThat(change.actor()).isEqualTo("guard");
			assertThat(change.automatic()).isTrue();
			assertThat(change.reason()).isEqualTo("error rate 0.31 > 0.05 over 10s");
			assertThat(change.from().rule().rule().mode()).isEqualTo(Mode.canary(10));
			assertThat(change.to().version()).isEqualTo(3);
			assertThat(change.measurements()).containsEntry("errorRate", 0.31)
				.containsEntry("p99Millis", 812)
				.containsEntry("requests", 240)
				.containsEntry("window", "PT10S");
			b.client().get().uri("/admin/api/history?limit=1").exchange().expectBody()
				.jsonPath("$.changes[0].automatic").isEqualTo(true)
				.jsonPath("$.changes[0].measurements.errorRate").isEqualTo(0.31)
				.jsonPath("$.changes[0].to.mode").isEqualTo("LEGACY");
		}
	}

	@Test
	void flippingARuleBackAndForthUnderLoadLosesNoRequest() throws Exception {
		String database = SharedTestPostgres.freshDatabase();
		try (GatewayInstance a = start(database); GatewayInstance b = start(database)) {
			HttpClient http = HttpClient.newHttpClient();
			URI onA = URI.create(a.baseUrl() + "/api/catalog/products");
			URI onB = URI.create(b.baseUrl() + "/api/catalog/products");
			AtomicBoolean flipping = new AtomicBoolean(true);
			AtomicInteger served = new AtomicInteger();
			Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
			List<String> failures = new CopyOnWriteArrayList<>();
			ExecutorService clients = Executors.newFixedThreadPool(4);
			for (int i = 0; i < 4; i++) {
				URI uri = (i % 2 == 0) ? onA : onB;
				clients.submit(() -> {
					while (flipping.get()) {
						try {
							HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
									HttpResponse.BodyHandlers.ofString());
							if (response.statusCode() != 200) {
								failures.add(response.statusCode() + " " + response.body());
							}
							servedBy.computeIfAbsent(response.headers().firstValue("X-Figmart-Served-By").orElse("?"),
									(key) -> new AtomicInteger()).incrementAndGet();
							served.incrementAndGet();
						}
						catch (Exception ex) {
							failures.add(ex.toString());
						}
					}
					return null;
				});
			}
			long version = 1;
			for (int flip = 0; flip < 30; flip++) {
				a.store().changeMode("catalog", version++, (flip % 2 == 0) ? Mode.NEW : Mode.LEGACY,
						Attribution.by("alice", "flip " + flip));
				Thread.sleep(20); // let requests run between flips; nothing is timed
			}
			flipping.set(false);
			clients.shutdown();
			assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

			assertThat(failures).isEmpty();
			assertThat(served.get()).as("requests during the flips").isGreaterThanOrEqualTo(30);
			assertThat(servedBy.keySet()).containsExactlyInAnyOrder("legacy", "catalog-service");
		}
	}

	@Test
	void keepsRoutingByTheLastRulesWhileTheStoreIsUnavailableAndRefusesChangesWith503() {
		String database = SharedTestPostgres.freshDatabase();
		try (GatewayInstance a = start(database)) {
			a.store().changeMode("catalog", 1, Mode.NEW, Attribution.by("alice", "go"));
			JdbcClient operator = JdbcClient.create(a.bean(DataSource.class));
			operator.sql("alter schema gateway rename to gateway_away").update();
			try {
				a.client().patch().uri("/admin/api/rules/catalog").contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"mode\": \"LEGACY\", \"version\": 2, \"reason\": \"during an outage\"}")
					.exchange()
					.expectStatus().isEqualTo(503)
					.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.expectBody().jsonPath("$.type").isEqualTo("https://figmart.dev/problems/rule-store-unavailable");
				a.client().get().uri("/api/catalog/1").exchange()
					.expectStatus().isOk()
					.expectHeader().valueEquals("X-Figmart-Served-By", "catalog-service")
					.expectBody();
			}
			finally {
				operator.sql("alter schema gateway_away rename to gateway").update();
			}
			a.client().patch().uri("/admin/api/rules/catalog").contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"mode\": \"LEGACY\", \"version\": 2, \"reason\": \"after the outage\"}")
				.exchange()
				.expectStatus().isOk()
				.expectBody();
			assertThat(a.store().history("catalog")).extracting(RuleChangeRecord::reason)
				.containsExactly("after the outage", "go", "seeded from figmart.gateway.rules on first start");
		}
	}

	private static int setMode(GatewayInstance instance, String mode, CyclicBarrier together) {
		try {
			together.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return instance.client().patch().uri("/admin/api/rules/catalog").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"mode\": \"" + mode + "\", \"version\": 1, \"reason\": \"race\"}")
			.exchange()
			.expectBody()
			.returnResult()
			.getStatus()
			.value();
	}

	private static GatewayInstance start(String database) {
		return GatewayInstance.start(database, legacy.uri(), catalog.uri(), CONFIGURED);
	}

}
