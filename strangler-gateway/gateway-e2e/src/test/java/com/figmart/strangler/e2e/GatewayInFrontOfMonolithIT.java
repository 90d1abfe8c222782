package com.figmart.strangler.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.figmart.strangler.e2e.GatewayHttp.Admin;
import com.figmart.strangler.e2e.GatewayHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The gateway in front of the real monolith, with a second real HTTP server as the extracted service, every
 * process started from its jar and every call over a socket. Each test sets the modes it needs first.
 */
@ExtendWith(Topology.Extension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayInFrontOfMonolithIT {

	static final String PRODUCT = "/api/catalog/products/MUG-FIG";

	Topology topology;

	GatewayHttp http;

	LocalTokens tokens;

	Admin admin;

	@BeforeEach
	void connect(Topology topology) {
		this.topology = topology;
		this.http = new GatewayHttp(topology.gatewayUri());
		this.tokens = new LocalTokens(topology.keyFile());
		this.admin = this.http.admin(this.tokens.admin("e2e-operator"));
		topology.newTarget().failing(false);
	}

	@Test
	@Order(1)
	void aRequestWithoutARuleGoesToTheMonolithWithARequestId() {
		Response response = this.http.get("/api/catalog/products?size=1");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("X-Figmart-Served-By")).isEqualTo("legacy");
		assertThat(response.json().findValue("totalElements").asInt()).isEqualTo(12);
		assertThat(response.header("X-Request-Id")).isNotBlank();
	}

	@Test
	@Order(2)
	void legacyAndNewModesChooseWhoAnswers() {
		this.admin.mode(Topology.PRODUCT_RULE, "LEGACY", "e2e: start on the monolith");
		int before = this.topology.newTarget().arrivals("GET", PRODUCT);
		Response legacy = this.http.get(PRODUCT);
		assertThat(legacy.status()).isEqualTo(200);
		assertThat(legacy.header("X-Figmart-Served-By")).isEqualTo("legacy");
		assertThat(legacy.header(NewTargetServer.SERVED_HEADER)).isNull();
		assertThat(this.topology.newTarget().arrivals("GET", PRODUCT)).isEqualTo(before);

		this.admin.mode(Topology.PRODUCT_RULE, "NEW", "e2e: move product reads");
		Response modern = this.http.get(PRODUCT);
		assertThat(modern.status()).isEqualTo(200);
		assertThat(modern.header("X-Figmart-Served-By")).isEqualTo(NewTargetServer.NAME);
		assertThat(modern.header(NewTargetServer.SERVED_HEADER)).isEqualTo(NewTargetServer.NAME);
		assertThat(modern.json()).isEqualTo(legacy.json());
	}

	@Test
	@Order(3)
	void aCanarySendsSomeCustomersToTheNewTargetAndKeepsEachOnItsSide() {
		this.admin.mode(Topology.PRODUCT_RULE, "CANARY(50)", "e2e: half of the customers");
		Set<String> sides = new HashSet<>();
		for (int customer = 0; customer < 40; customer++) {
			Set<String> sidesOfThisCustomer = new HashSet<>();
			for (int i = 0; i < 3; i++) {
				Response response = this.http.get(PRODUCT, "X-Customer-Id", "customer-" + customer);
				assertThat(response.status()).isEqualTo(200);
				sidesOfThisCustomer.add(response.header("X-Figmart-Served-By"));
			}
			assertThat(sidesOfThisCustomer).as("customer-%s stays on one side", customer).hasSize(1);
			sides.addAll(sidesOfThisCustomer);
		}
		assertThat(sides).containsExactlyInAnyOrder("legacy", NewTargetServer.NAME);
	}

	@Test
	@Order(4)
	void shadowAnswersFromTheMonolithAndComparesACopyFromTheNewTarget() {
		this.admin.mode(Topology.PRODUCT_RULE, "SHADOW", "e2e: compare before moving");
		int before = this.topology.newTarget().arrivals("GET", PRODUCT);
		for (int i = 0; i < 20; i++) {
			Response response = this.http.get(PRODUCT);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.header("X-Figmart-Served-By")).isEqualTo("legacy");
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.topology.newTarget().arrivals("GET", PRODUCT)).isGreaterThanOrEqualTo(before + 20));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode report = this.http.get("/admin/api/shadow/" + Topology.PRODUCT_RULE, "Authorization",
					this.admin.authorization()).json();
			assertThat(report.toString()).contains("\"matched\"");
			assertThat(report.findValue("matched").asLong()).isGreaterThanOrEqualTo(20);
			assertThat(report.findValue("mismatched").asLong()).isZero();
		});
	}

	@Test
	@Order(5)
	void aReadThatTheFailingNewTargetCannotAnswerIsAnsweredByTheMonolith() {
		this.admin.mode(Topology.PRODUCT_RULE, "NEW", "e2e: fallback");
		this.topology.newTarget().failing(true);

		Response response = this.http.get(PRODUCT);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("X-Figmart-Served-By")).isEqualTo("legacy");
		assertThat(response.header("X-Figmart-Fallback")).isNotBlank();
		assertThat(response.json().get("sku").asString()).isEqualTo("MUG-FIG");
	}

	@Test
	@Order(6)
	void aPostIsNeverSentTwice() {
		this.admin.mode(Topology.CUSTOMER_RULE, "NEW", "e2e: sign-ups on the new side");
		this.topology.newTarget().failing(true);
		int before = this.topology.newTarget().arrivals("POST", "/api/customers");

		Response response = this.http.send("POST", "/api/customers",
				Map.of("email", "twice@example.com", "name", "Not Twice", "region", "EU"));

		assertThat(response.status()).isGreaterThanOrEqualTo(500);
		assertThat(this.topology.newTarget().arrivals("POST", "/api/customers")).isEqualTo(before + 1);
		this.admin.mode(Topology.CUSTOMER_RULE, "LEGACY", "e2e: back");
	}

	@Test
	@Order(7)
	void theAdminApiNeedsAnAdminToken() {
		Response anonymous = this.http.get("/admin/api/rules");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");

		Response customer = this.http.get("/admin/api/rules", "Authorization",
				"Bearer " + this.tokens.customer("e2e-customer"));
		assertThat(customer.status()).isEqualTo(403);
		assertThat(customer.header("Content-Type")).startsWith("application/problem+json");

		Response forged = this.http.get("/admin/api/rules", "Authorization",
				"Bearer " + this.tokens.admin("e2e-operator") + "x");
		assertThat(forged.status()).isEqualTo(401);

		assertThat(this.http.get("/admin/api/rules", "Authorization", this.admin.authorization()).status())
			.isEqualTo(200);
	}

	@Test
	@Order(8)
	void aClientThatSendsTooFastIsToldWhenToComeBack() {
		String token = "Bearer " + this.tokens.customer("e2e-burst");
		Response limited = null;
		for (int i = 0; i < 10 * Topology.RATE_LIMIT_CAPACITY && limited == null; i++) {
			Response response = this.http.get("/api/catalog/products?size=1", "Authorization", token);
			if (response.status() == 429) {
				limited = response;
			}
		}
		assertThat(limited).as("a 429 within %d requests", 10 * Topology.RATE_LIMIT_CAPACITY).isNotNull();
		assertThat(limited.header("Retry-After")).matches("\\d+");
		assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
		assertThat(this.http.get("/api/catalog/products?size=1", "Authorization",
				"Bearer " + this.tokens.customer("e2e-someone-else")).status())
			.as("other clients are not limited").isEqualTo(200);
	}

	@Test
	@Order(9)
	void flippingARuleBackAndForthUnderLoadLosesNoRequest() throws Exception {
		this.admin.mode(Topology.PRODUCT_RULE, "LEGACY", "e2e: before the flips");
		List<String> clients = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			clients.add("Bearer " + this.tokens.customer("e2e-load-" + i));
		}
		AtomicBoolean flipping = new AtomicBoolean(true);
		AtomicInteger sent = new AtomicInteger();
		Set<String> servedBy = ConcurrentHashMap.newKeySet();
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		ExecutorService load = Executors.newFixedThreadPool(4);
		List<Future<?>> workers = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			workers.add(load.submit(() -> {
				while (flipping.get()) {
					int n = sent.incrementAndGet();
					Response response = this.http.get(PRODUCT, "Authorization", clients.get(n % clients.size()));
					servedBy.add(String.valueOf(response.header("X-Figmart-Served-By")));
					if (response.status() != 200 || !response.body().contains("\"MUG-FIG\"")) {
						failures.add(response.toString());
					}
				}
			}));
		}
		try {
			for (int flip = 0; flip < 30; flip++) {
				this.admin.mode(Topology.PRODUCT_RULE, (flip % 2 == 0) ? "NEW" : "LEGACY", "e2e: flip " + flip);
				Thread.sleep(50);
			}
		}
		finally {
			flipping.set(false);
			for (Future<?> worker : workers) {
				worker.get(30, TimeUnit.SECONDS);
			}
			load.shutdown();
		}
		assertThat(failures).as("failed requests out of %d", sent.get()).isEmpty();
		assertThat(sent.get()).isGreaterThan(100);
		assertThat(servedBy).containsExactlyInAnyOrder("legacy", NewTargetServer.NAME);
	}

	@Test
	@Order(10)
	void aGuardedRuleGoesBackToTheMonolithByItselfWhenTheNewTargetFails() {
		JsonNode rule = this.admin.rule(Topology.PRODUCT_RULE);
		Response guarded = this.admin.patch(Topology.PRODUCT_RULE, Map.of("mode", "NEW", "reason", "e2e: guarded",
				"version", rule.get("version").asLong(), "policy", Map.of("guard", Map.of("maxErrorRate", 0.2,
						"maxP99", "PT2S", "window", "PT5S", "minRequests", 10))));
		assertThat(guarded.status()).as(guarded.toString()).isEqualTo(200);
		this.topology.newTarget().failing(true);

		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			Response response = this.http.get(PRODUCT);
			assertThat(response.status()).as("answered by the monolith meanwhile").isEqualTo(200);
			assertThat(this.admin.rule(Topology.PRODUCT_RULE).get("mode").asString()).isEqualTo("LEGACY");
		});

		JsonNode rollback = this.admin.history(Topology.PRODUCT_RULE).get("changes").get(0);
		assertThat(rollback.get("automatic").asBoolean()).isTrue();
		assertThat(rollback.get("actor").asString()).isEqualTo("guard");
		assertThat(rollback.get("measurements").get("errorRate").asDouble()).isGreaterThan(0.2);
		assertThat(rollback.get("to").get("mode").asString()).isEqualTo("LEGACY");
	}

	@Test
	@Order(11)
	void aRestartedGatewayKeepsTheRulesAsTheyWereChanged() {
		this.admin.mode(Topology.PRODUCT_RULE, "SHADOW", "e2e: before the restart");
		long version = this.admin.rule(Topology.PRODUCT_RULE).get("version").asLong();

		this.topology.restartGateway();

		JsonNode rule = this.admin.rule(Topology.PRODUCT_RULE);
		assertThat(rule.get("mode").asString()).as("the configured LEGACY seeds the first start only").isEqualTo("SHADOW");
		assertThat(rule.get("version").asLong()).isEqualTo(version);
		assertThat(this.http.get(PRODUCT).header("X-Figmart-Route")).isEqualTo(Topology.PRODUCT_RULE);
		assertThat(this.admin.history(Topology.PRODUCT_RULE).get("changes").get(0).get("reason").asString())
			.isEqualTo("e2e: before the restart");
	}

	@Test
	@Order(12)
	void aWriteCutoverHoldsTheWritesSwitchesTheModeAndReleasesThemWithoutAFailedRequest() throws Exception {
		this.admin.mode(Topology.CUSTOMER_RULE, "LEGACY", "e2e: before the cutover");
		List<String> clients = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			clients.add("Bearer " + this.tokens.customer("e2e-writer-" + i));
		}
		int newBefore = this.topology.newTarget().arrivals("POST", "/api/customers");
		AtomicBoolean writing = new AtomicBoolean(true);
		AtomicInteger sent = new AtomicInteger();
		AtomicInteger servedByNew = new AtomicInteger();
		ConcurrentLinkedQueue<String> heldServedBy = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		ExecutorService writers = Executors.newFixedThreadPool(4);
		List<Future<?>> workers = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			workers.add(writers.submit(() -> {
				while (writing.get()) {
					int n = sent.incrementAndGet();
					Response response = this.http.send("POST", "/api/customers",
							Map.of("email", "cutover-" + n + "@example.com", "name", "Writer " + n, "region", "EU"),
							"Authorization", clients.get(n % clients.size()));
					if (response.status() / 100 != 2) {
						failures.add(response.toString());
					}
					if (NewTargetServer.NAME.equals(response.header("X-Figmart-Served-By"))) {
						servedByNew.incrementAndGet();
					}
					if (response.header("X-Figmart-Write-Held") != null) {
						heldServedBy.add(String.valueOf(response.header("X-Figmart-Served-By")));
					}
				}
			}));
		}
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() > 20);
			Response held = this.admin.hold(Topology.CUSTOMER_RULE, 2000, "e2e: write cutover");
			assertThat(held.status()).as(held.toString()).isEqualTo(200);
			assertThat(held.json().get("inFlightDrained").asBoolean()).isTrue();
			Thread.sleep(300);
			Response released = this.admin.release(Topology.CUSTOMER_RULE, "NEW",
					held.json().get("version").asLong(), "e2e: the new side is the system of record");
			assertThat(released.status()).as(released.toString()).isEqualTo(200);
			assertThat(released.json().get("mode").asString()).isEqualTo("NEW");
			int afterRelease = sent.get();
			await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() > afterRelease + 20);
		}
		finally {
			writing.set(false);
			for (Future<?> worker : workers) {
				worker.get(30, TimeUnit.SECONDS);
			}
			writers.shutdown();
		}
		assertThat(failures).as("failed writes out of %d", sent.get()).isEmpty();
		assertThat(heldServedBy).as("writes held during the cutover").isNotEmpty().containsOnly(NewTargetServer.NAME);
		assertThat(this.topology.newTarget().arrivals("POST", "/api/customers") - newBefore)
			.as("each write the new side answered arrived there once").isEqualTo(servedByNew.get());
		List<String> actions = new ArrayList<>();
		this.admin.history(Topology.CUSTOMER_RULE).get("changes").forEach((change) -> actions.add(change.get("action").asString()));
		assertThat(actions.subList(0, 3)).containsExactly("RELEASE", "UPDATE", "HOLD");
		this.admin.mode(Topology.CUSTOMER_RULE, "LEGACY", "e2e: after the cutover");
	}

}
