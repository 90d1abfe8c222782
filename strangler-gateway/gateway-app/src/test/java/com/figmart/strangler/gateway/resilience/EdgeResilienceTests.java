package com.figmart.strangler.gateway.resilience;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import com.figmart.strangler.gateway.AutomaticRollback;
import com.figmart.strangler.gateway.GatewayRule;
import com.figmart.strangler.gateway.LiveRules;
import com.figmart.strangler.gateway.SeedRules;
import com.figmart.strangler.rules.Mode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Resilience at the edge and automatic rollback, over real sockets: the gateway in front of a healthy
 * "monolith" and of new targets that answer late, answer 5xx, hang up, or do not listen at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "figmart.gateway.security.enabled=false", "figmart.gateway.rate-limit.enabled=false",
				"figmart.gateway.resilience.breaker.minimum-calls=10",
				"figmart.gateway.resilience.breaker.wait-in-open=60s",
				"figmart.gateway.resilience.bulkhead.max-concurrent-calls=3",
				"figmart.gateway.resilience.retry.max-attempts=3",
				"figmart.gateway.resilience.retry.initial-backoff=20ms",
				"figmart.gateway.resilience.retry.budget=2s",
				"figmart.gateway.resilience.guard-interval=200ms" })
class EdgeResilienceTests {

	private static FaultyServer legacy;

	private static FaultyServer sleepy;

	private static FaultyServer steady;

	private static FaultyServer flaky;

	private static FaultyServer orders;

	private static FaultyServer fragile;

	private static FaultyServer crowded;

	private static FaultyServer broken;

	private static FaultyServer laggard;

	private static FaultyServer lingering;

	@LocalServerPort
	private int port;

	@Autowired
	private LiveRules rules;

	@Autowired
	private TrafficMonitor traffic;

	@Autowired
	private LiveRulesRollback rollback;

	@Autowired
	private TargetProtection protection;

	private WebTestClient client;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		legacy = FaultyServer.start("legacy");
		sleepy = FaultyServer.start("sleepy").on("/api/slow", FaultyServer.Behaviour.slow(Duration.ofSeconds(3)));
		steady = FaultyServer.start("steady");
		flaky = FaultyServer.start("flaky").on("/api/flaky", FaultyServer.Behaviour.failFirst(2, 503));
		orders = FaultyServer.start("orders").on("/api/orders", FaultyServer.Behaviour.hangUp());
		fragile = FaultyServer.start("fragile").on("/api/fragile", FaultyServer.Behaviour.status(500));
		crowded = FaultyServer.start("crowded").on("/api/crowded", FaultyServer.Behaviour.slow(Duration.ofSeconds(3)));
		broken = FaultyServer.start("broken").on("/api/guarded", FaultyServer.Behaviour.status(500));
		laggard = FaultyServer.start("laggard").on("/api/laggy", FaultyServer.Behaviour.slow(Duration.ofMillis(300)));
		lingering = FaultyServer.start("lingering")
			.on("/api/lingering", FaultyServer.Behaviour.slow(Duration.ofSeconds(8)));
		registry.add("figmart.gateway.legacy-uri", legacy::uri);
		registry.add("figmart.gateway.targets.sleepy", sleepy::uri);
		registry.add("figmart.gateway.targets.steady", steady::uri);
		registry.add("figmart.gateway.targets.flaky", flaky::uri);
		registry.add("figmart.gateway.targets.orders", orders::uri);
		registry.add("figmart.gateway.targets.fragile", fragile::uri);
		registry.add("figmart.gateway.targets.crowded", crowded::uri);
		registry.add("figmart.gateway.targets.broken", broken::uri);
		registry.add("figmart.gateway.targets.laggard", laggard::uri);
		registry.add("figmart.gateway.targets.lingering", lingering::uri);
		registry.add("figmart.gateway.targets.refused-a", FaultyServer::refusingUri);
		registry.add("figmart.gateway.targets.refused-c", FaultyServer::refusingUri);
		registry.add("figmart.gateway.targets.refused-b", FaultyServer::refusingUri);
		// two instances from discovery, the first one dead: what a killed instance is until the registry evicts it
		registry.add("figmart.gateway.targets.half-dead", () -> "lb://half-dead-service");
		registry.add("spring.cloud.discovery.client.simple.instances.half-dead-service[0].uri", FaultyServer::refusingUri);
		registry.add("spring.cloud.discovery.client.simple.instances.half-dead-service[1].uri", steady::uri);
		SeedRules.in(registry)
			.rule("slow", "GET", "/api/slow/**", "NEW", "sleepy", "timeout=300ms")
			.rule("slow-strict", "GET", "/api/slow-strict/**", "NEW", "sleepy", "timeout=300ms",
					"fallback-to-legacy=false")
			.rule("down", "GET", "/api/down/**", "NEW", "refused-a")
			.rule("down-strict", "GET", "/api/down-strict/**", "NEW", "refused-b", "fallback-to-legacy=false")
			.rule("flaky", "GET,PUT", "/api/flaky/**", "NEW", "flaky", "fallback-to-legacy=false")
			.rule("orders", "GET,POST", "/api/orders/**", "NEW", "orders")
			.rule("fragile", "GET", "/api/fragile/**", "NEW", "fragile")
			.rule("crowded", "GET", "/api/crowded/**", "NEW", "crowded", "timeout=5s")
			.rule("guarded", "GET", "/api/guarded/**", "NEW", "broken", "guard.max-error-rate=0.05", "guard.max-p99=2s",
					"guard.window=5s", "guard.min-requests=5")
			.rule("stats", "GET", "/api/stats/**", "NEW", "steady")
			.rule("down-more", "GET", "/api/down-more/**", "NEW", "refused-c")
			.rule("canary", "GET", "/api/canary/**", "CANARY(100)", "refused-c")
			.rule("laggy", "GET", "/api/laggy/**", "NEW", "laggard", "guard.max-error-rate=0.5", "guard.max-p99=100ms",
					"guard.window=5s", "guard.min-requests=3")
			.rule("lingering", "GET", "/api/lingering/**", "NEW", "lingering", "timeout=10s")
			.rule("half-dead", "GET", "/api/half-dead/**", "NEW", "half-dead", "fallback-to-legacy=false")
			.rule("half-dead-writes", "POST", "/api/half-dead/**", "NEW", "half-dead");
	}

	@AfterAll
	static void stopServers() {
		for (FaultyServer server : List.of(legacy, sleepy, steady, flaky, orders, fragile, crowded, broken, laggard,
				lingering)) {
			server.close();
		}
	}

	@BeforeEach
	void client() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(15))
			.build();
	}

	@Test
	void getThatTimesOutFallsBackToLegacy() {
		this.client.get()
			.uri("/api/slow/1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Figmart-Served-By", "legacy")
			.expectHeader()
			.valueEquals("X-Figmart-Fallback", "timeout")
			.expectBody()
			.jsonPath("$.server")
			.isEqualTo("legacy");
	}

	@Test
	void getThatTimesOutWithoutFallbackIsA504Problem() {
		this.client.get()
			.uri("/api/slow-strict/1")
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://figmart.dev/problems/upstream-timeout")
			.jsonPath("$.status")
			.isEqualTo(504)
			.jsonPath("$.target")
			.isEqualTo("sleepy")
			.jsonPath("$.reason")
			.isEqualTo("timeout")
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("300 ms"));
	}

	@Test
	void getToATargetThatRefusesConnectionsFallsBackToLegacy() {
		this.client.get()
			.uri("/api/down/1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Figmart-Served-By", "legacy")
			.expectHeader()
			.valueEquals("X-Figmart-Fallback", "connect-error")
			.expectBody()
			.jsonPath("$.server")
			.isEqualTo("legacy");
	}

	@Test
	void refusedConnectionWithoutFallbackIsA503Problem() {
		this.client.get()
			.uri("/api/down-strict/1")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://figmart.dev/problems/upstream-unavailable")
			.jsonPath("$.target")
			.isEqualTo("refused-b")
			.jsonPath("$.reason")
			.isEqualTo("connect-error");
	}

	@Test
	void getIsRetriedWithBackoffUntilTheTargetRecovers() {
		this.client.get()
			.uri("/api/flaky/a")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Figmart-Served-By", "flaky")
			.expectBody()
			.jsonPath("$.server")
			.isEqualTo("flaky");
		assertThat(flaky.arrivals("GET", "/api/flaky/a")).isEqualTo(3);
	}

	@Test
	void putIsNotRetriedByDefault() {
		this.client.put()
			.uri("/api/flaky/b")
			.bodyValue("{\"qty\":1}")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo(503);
		assertThat(flaky.arrivals("PUT", "/api/flaky/b")).isEqualTo(1);
	}

	@Test
	void postIsNeverSentTwiceEvenWhenTheTargetHangsUp() {
		this.client.post()
			.uri("/api/orders/1")
			.bodyValue("{\"sku\":\"SKU-1\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://figmart.dev/problems/upstream-failed")
			.jsonPath("$.reason")
			.isEqualTo("connection-closed");
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> orders.arrivals("POST", "/api/orders/1") == 1);
	}

	@Test
	void getToATargetThatHangsUpIsRetriedThenFallsBack() {
		this.client.get()
			.uri("/api/orders/2")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Figmart-Served-By", "legacy")
			.expectHeader()
			.valueEquals("X-Figmart-Fallback", "connection-closed");
		assertThat(orders.arrivals("GET", "/api/orders/2")).isEqualTo(3);
	}

	@Test
	void aDeadInstanceDoesNotOpenTheBreakerOfATargetWhoseOtherInstanceAnswersTheRetries() {
		for (int i = 0; i < 30; i++) {
			this.client.get()
				.uri("/api/half-dead/" + i)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Figmart-Served-By", "half-dead");
		}

		assertThat(steady.arrivals("GET", "/api/half-dead/29")).isEqualTo(1);
		assertThat(this.traffic.breakerState("half-dead")).as("judged by requests, not attempts").isEqualTo("CLOSED");
	}

	@Test
	void aPostRefusedAConnectionWasNeverSentSoItGoesToTheNextInstanceOnceAndWhole() {
		for (int i = 0; i < 10; i++) {
			this.client.post()
				.uri("/api/half-dead/orders/" + i)
				.bodyValue("{\"sku\":\"SKU-" + i + "\"}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.server")
				.isEqualTo("steady")
				.jsonPath("$.body")
				.isEqualTo("{\"sku\":\"SKU-" + i + "\"}");
		}

		for (int i = 0; i < 10; i++) {
			assertThat(steady.arrivals("POST", "/api/half-dead/orders/" + i)).as("POST %d", i).isEqualTo(1);
		}
	}

	@Test
	void openBreakerStopsCallingTheTargetAndFallsBack() {
		for (int i = 0; i < 10; i++) {
			this.client.get()
				.uri("/api/fragile/" + i)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Figmart-Fallback", "status-500");
		}
		assertThat(this.traffic.breakerState("fragile")).isEqualTo("OPEN");
		for (int i = 10; i < 15; i++) {
			this.client.get()
				.uri("/api/fragile/" + i)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Figmart-Served-By", "legacy")
				.expectHeader()
				.valueEquals("X-Figmart-Fallback", "breaker-open");
		}
		assertThat(fragile.arrivalsUnder("/api/fragile/")).isEqualTo(10);
	}

	@Test
	void fullBulkheadRefusesAtOnceAndFallsBack() {
		WebClient web = WebClient.create("http://127.0.0.1:" + this.port);
		List<ResponseEntity<String>> responses = Flux.range(0, 8)
			.flatMap((i) -> web.get().uri("/api/crowded/" + i).retrieve().toEntity(String.class), 8)
			.collectList()
			.block(Duration.ofSeconds(15));
		assertThat(responses).hasSize(8).allSatisfy((response) -> assertThat(response.getStatusCode().value()).isEqualTo(200));
		List<String> fallbacks = responses.stream()
			.map((response) -> Optional.ofNullable(response.getHeaders().getFirst("X-Figmart-Fallback")).orElse("none"))
			.toList();
		assertThat(fallbacks).filteredOn("bulkhead-full"::equals).hasSizeGreaterThanOrEqualTo(5);
		assertThat(crowded.arrivalsUnder("/api/crowded/")).isLessThanOrEqualTo(3);
	}

	@Test
	void trafficIsCountedPerRuleAndSide() {
		for (int i = 0; i < 10; i++) {
			this.client.get().uri("/api/stats/" + i).exchange().expectStatus().isOk();
		}
		this.client.get()
			.uri("/api/stats/legacy")
			.header("X-Figmart-Target", "legacy")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Figmart-Served-By", "legacy");
		RuleTraffic figures = this.traffic.traffic("stats");
		assertThat(figures.window()).isEqualTo(Duration.ofSeconds(10));
		assertThat(figures.newSide().side()).isEqualTo("new");
		assertThat(figures.newSide().requests()).isEqualTo(10);
		assertThat(figures.newSide().requestsPerSecond()).isEqualTo(1.0);
		assertThat(figures.newSide().errorRate()).isZero();
		assertThat(figures.newSide().p99Millis()).isPositive();
		assertThat(figures.legacy().side()).isEqualTo("legacy");
		assertThat(figures.legacy().requests()).isEqualTo(1);
		assertThat(this.traffic.breakerState("steady")).isEqualTo("CLOSED");
		assertThat(this.traffic.breakerState("legacy")).isEqualTo(TrafficMonitor.NO_BREAKER);
	}

	@Test
	void brokenGuardSendsTheRuleBackToLegacyByItself() {
		long version = this.rules.rule("guarded").orElseThrow().rule().version();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
			this.client.get().uri("/api/guarded/1").exchange();
			return this.rules.rule("guarded").orElseThrow().rule().mode() == Mode.LEGACY;
		});
		assertThat(this.rules.rule("guarded").orElseThrow().rule().version()).isEqualTo(version + 1);
		this.client.get()
			.uri("/api/guarded/2")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Figmart-Served-By", "legacy")
			.expectHeader()
			.doesNotExist("X-Figmart-Fallback");
		assertThat(this.rollback.calls).filteredOn((call) -> call.ruleId().equals("guarded")).singleElement().satisfies((call) -> {
			assertThat(call.ruleId()).isEqualTo("guarded");
			assertThat(call.observedVersion()).isEqualTo(version);
			assertThat(call.reason()).startsWith("error rate 1.00 > 0.05 over 5s");
			assertThat(call.measurements()).containsEntry("window", "PT5S")
				.containsKeys("errorRate", "p99Millis", "requests");
			assertThat((long) call.measurements().get("requests")).isGreaterThanOrEqualTo(5);
		});
	}

	@Test
	void slowTargetBreakingTheP99ObjectiveIsRolledBack() {
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10)).until(() -> {
			this.client.get().uri("/api/laggy/1").exchange().expectStatus().isOk();
			return this.rules.rule("laggy").orElseThrow().rule().mode() == Mode.LEGACY;
		});
		assertThat(this.rollback.calls).filteredOn((call) -> call.ruleId().equals("laggy"))
			.singleElement()
			.satisfies((call) -> assertThat(call.reason()).matches("p99 \\d+ ms > 100 ms over 5s"));
	}

	@Test
	void fallbackKeepsPathAndQueryByteForByte() {
		this.client.get()
			.uri(URI.create("http://127.0.0.1:" + this.port + "/api/down-more/a%20b?q=x%2By&r=1"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Figmart-Fallback", "connect-error")
			.expectBody()
			.jsonPath("$.server")
			.isEqualTo("legacy")
			.jsonPath("$.path")
			.isEqualTo("/api/down-more/a%20b")
			.jsonPath("$.query")
			.isEqualTo("q=x%2By&r=1");
	}

	@Test
	void canaryFallsBackToo() {
		this.client.get()
			.uri("/api/canary/1")
			.header("X-Customer-Id", "c-1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Figmart-Served-By", "legacy")
			.expectHeader()
			.valueEquals("X-Figmart-Fallback", "connect-error");
	}

	@Test
	void callsTheClientGaveUpOnGiveTheirBulkheadSlotsBack() {
		WebClient web = WebClient.create("http://127.0.0.1:" + this.port);
		Flux.range(0, 3)
			.flatMap((i) -> web.get()
				.uri("/api/lingering/" + i)
				.retrieve()
				.toBodilessEntity()
				.timeout(Duration.ofMillis(300))
				.onErrorResume((ex) -> reactor.core.publisher.Mono.empty()))
			.blockLast(Duration.ofSeconds(5));
		assertThat(lingering.arrivalsUnder("/api/lingering/")).isEqualTo(3);
		// the target is still busy with them (8 s); the gateway has let go
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.protection.bulkhead("lingering").getMetrics().getAvailableConcurrentCalls() == 3);
	}

	@Test
	void forcedNewSideIsNeverReplacedByAFallback() {
		this.client.get()
			.uri("/api/down/forced")
			.header("X-Figmart-Target", "new")
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(502, 503))
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RollbackDouble {

		@Bean
		@Primary
		LiveRulesRollback liveRulesRollback(LiveRules rules) {
			return new LiveRulesRollback(rules);
		}

	}

	/**
	 * A test double of {@link AutomaticRollback}: it applies the change to {@link LiveRules} directly (the
	 * real implementation stores, audits and propagates it first) and remembers each call.
	 */
	static final class LiveRulesRollback implements AutomaticRollback {

		private final LiveRules rules;

		final List<Call> calls = new CopyOnWriteArrayList<>();

		LiveRulesRollback(LiveRules rules) {
			this.rules = rules;
		}

		@Override
		public synchronized boolean rollBackToLegacy(String ruleId, long observedVersion, String reason,
				Map<String, Object> measurements) {
			this.calls.add(new Call(ruleId, observedVersion, reason, Map.copyOf(measurements)));
			Optional<GatewayRule> current = this.rules.rule(ruleId);
			if (current.isEmpty() || current.get().rule().version() != observedVersion) {
				return false;
			}
			this.rules.replaceAll(this.rules.rules()
				.stream()
				.map((rule) -> rule.id().equals(ruleId)
						? new GatewayRule(rule.rule().withMode(Mode.LEGACY, observedVersion + 1), rule.policy()) : rule)
				.toList());
			return true;
		}

		record Call(String ruleId, long observedVersion, String reason, Map<String, Object> measurements) {

		}

	}

}
