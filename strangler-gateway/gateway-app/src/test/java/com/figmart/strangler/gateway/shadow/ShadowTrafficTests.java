package com.figmart.strangler.gateway.shadow;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.figmart.strangler.gateway.GatewayClients;
import com.figmart.strangler.gateway.SeedRules;
import com.figmart.strangler.gateway.shadow.JsonTestServer.Answer;
import org.junit.jupiter.api.AfterAll;
import reactor.core.publisher.Flux;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SHADOW rules over real sockets: the gateway in front of two real HTTP servers, the monolith and the new
 * target, with programmed answers. Every safe request is also calibrated (A/A) here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "figmart.gateway.security.enabled=false", "figmart.gateway.rate-limit.enabled=false",
				"figmart.gateway.shadow.calibration-rate=1.0" })
class ShadowTrafficTests {

	private static final String PRODUCT = "{\"sku\":\"A-1\",\"name\":\"Mug\",\"price\":12.50}";

	private static JsonTestServer legacy;

	private static JsonTestServer modern;

	@LocalServerPort
	private int port;

	@Autowired
	private ShadowReports reports;

	@Autowired
	private ShadowTraffic traffic;

	private WebTestClient client;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		legacy = JsonTestServer.start();
		modern = JsonTestServer.start();
		registry.add("figmart.gateway.legacy-uri", legacy::uri);
		registry.add("figmart.gateway.targets.modern", modern::uri);
		registry.add("figmart.gateway.targets.nowhere", JsonTestServer::deadUri);
		registry.add("figmart.gateway.targets.discovered", () -> "lb://modern-service");
		registry.add("spring.cloud.discovery.client.simple.instances.modern-service[0].uri", modern::uri);
		registry.add("figmart.gateway.targets.undiscovered", () -> "lb://nobody");
		SeedRules.in(registry)
			.rule("same", "GET", "/api/same/**", "SHADOW", "modern")
			.rule("copy", "GET", "/api/copy/**", "SHADOW", "modern")
			.rule("price", "GET", "/api/price/**", "SHADOW", "modern")
			.rule("slow", "GET", "/api/slow/**", "SHADOW", "modern")
			.rule("down", "GET", "/api/down/**", "SHADOW", "nowhere")
			.rule("lenient", "GET", "/api/lenient/**", "SHADOW", "modern",
					"shadow.ignored-paths=$.id,$..createdAt,$.items[*].id", "shadow.unordered-arrays=$.items")
			.rule("strict", "GET", "/api/strict/**", "SHADOW", "modern")
			.rule("orders", "", "/api/orders/**", "SHADOW", "modern")
			.rule("payments", "", "/api/payments/**", "SHADOW", "modern", "shadow.mirror-unsafe-methods=true")
			.rule("noisy", "GET", "/api/noisy/**", "SHADOW", "modern")
			.rule("reported", "GET", "/api/reported/**", "SHADOW", "modern")
			.rule("burst", "GET", "/api/burst/**", "SHADOW", "modern")
			.rule("discovered", "GET", "/api/discovered/**", "SHADOW", "discovered")
			.rule("undiscovered", "GET", "/api/undiscovered/**", "SHADOW", "undiscovered");
	}

	@AfterAll
	static void stopServers() {
		legacy.close();
		modern.close();
	}

	@BeforeEach
	void client() {
		this.client = GatewayClients.at(this.port);
	}

	@Test
	void equalAnswersAreCountedAsMatches() {
		legacy.answer("/api/same", Answer.json(PRODUCT));
		modern.answer("/api/same", Answer.json("{\"price\":12.5,\"name\":\"Mug\",\"sku\":\"A-1\"}"));
		for (int i = 0; i < 5; i++) {
			getLegacyAnswer("/api/same/" + i, PRODUCT);
		}
		ShadowSummary summary = awaitCompared("same", 5);
		assertThat(summary.matched()).isEqualTo(5);
		assertThat(summary.mismatched()).isZero();
		assertThat(summary.matchRate()).isEqualTo(1.0);
		assertThat(summary.calibrated()).isEqualTo(5);
		assertThat(summary.noiseRate()).isEqualTo(0.0);
		assertThat(summary.excessMismatchRate()).isEqualTo(0.0);
		assertThat(modern.received("/api/same")).hasSize(5).allSatisfy((r) -> {
			assertThat(r.method()).isEqualTo("GET");
			assertThat(r.shadowHeader()).isEqualTo("mirror");
		});
		assertThat(legacy.received("/api/same")).filteredOn((r) -> "calibration".equals(r.shadowHeader())).hasSize(5);
	}

	@Test
	void theCopyCarriesPathQueryAndHeaders() {
		legacy.answer("/api/copy", Answer.json(PRODUCT));
		modern.answer("/api/copy", Answer.json(PRODUCT));
		String query = "q=caf%C3%A9%20cr%C3%A8me&tag=a&tag=b&slash=%2F";
		this.client.get()
			.uri(URI.create("http://127.0.0.1:" + this.port + "/api/copy/caf%C3%A9-1?" + query))
			.header("X-Customer-Id", "c-42")
			.exchange()
			.expectStatus()
			.isOk();
		await().atMost(Duration.ofSeconds(10)).until(() -> modern.received("/api/copy").size() == 1);
		assertThat(modern.received("/api/copy")).singleElement().satisfies((r) -> {
			assertThat(r.path()).isEqualTo("/api/copy/caf%C3%A9-1");
			assertThat(r.query()).isEqualTo(query);
			assertThat(r.customerId()).isEqualTo("c-42");
			assertThat(r.shadowHeader()).isEqualTo("mirror");
		});
	}

	@Test
	void differentAnswersAreMismatchesWithAReadableDiff() {
		legacy.answer("/api/price", Answer.json(PRODUCT));
		modern.answer("/api/price/1", Answer.json("{\"sku\":\"A-1\",\"name\":\"Mug\",\"price\":12.49}"));
		modern.answer("/api/price/2", Answer.json(PRODUCT));
		getLegacyAnswer("/api/price/1", PRODUCT);
		getLegacyAnswer("/api/price/2", PRODUCT);
		ShadowSummary summary = awaitCompared("price", 2);
		assertThat(summary.matched()).isEqualTo(1);
		assertThat(summary.mismatched()).isEqualTo(1);
		assertThat(summary.matchRate()).isEqualTo(0.5);
		assertThat(summary.noiseRate()).isEqualTo(0.0);
		assertThat(summary.excessMismatchRate()).isEqualTo(0.5);
		assertThat(this.reports.mismatches("price")).singleElement().satisfies((mismatch) -> {
			assertThat(mismatch.path()).isEqualTo("/api/price/1");
			assertThat(mismatch.calibration()).isFalse();
			assertThat(mismatch.differences()).containsExactly("$.price: 12.50 != 12.49");
			assertThat(mismatch.legacyBody()).isEqualTo(PRODUCT);
			assertThat(mismatch.newBody()).contains("12.49");
		});
	}

	@Test
	void clientGetsTheLegacyAnswerWhileTheNewTargetIsStillWorking() throws Exception {
		CountDownLatch newTargetMayAnswer = new CountDownLatch(1);
		legacy.answer("/api/slow", Answer.json(PRODUCT));
		modern.answer("/api/slow", Answer.json(PRODUCT).heldBy(newTargetMayAnswer));
		try {
			getLegacyAnswer("/api/slow/1", PRODUCT);
			await().atMost(Duration.ofSeconds(5)).until(() -> modern.received("/api/slow").size() == 1);
			assertThat(this.reports.summary("slow")).hasValueSatisfying((s) -> assertThat(s.compared()).isZero());
		}
		finally {
			newTargetMayAnswer.countDown();
		}
		ShadowSummary summary = awaitCompared("slow", 1);
		assertThat(summary.matched()).isEqualTo(1);
		// The new target answered only after the client had its answer, so it was the slower one.
		assertThat(summary.meanLatencyDeltaMillis()).isPositive();
		assertThat(summary.p99LatencyDeltaMillis()).isPositive();
		assertThat(summary.meanNewMillis()).isGreaterThan(summary.meanLegacyMillis());
	}

	@Test
	void clientGetsTheLegacyAnswerWhenTheNewTargetIsDown() {
		legacy.answer("/api/down", Answer.json(PRODUCT));
		for (int i = 0; i < 3; i++) {
			getLegacyAnswer("/api/down/" + i, PRODUCT);
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.reports.summary("down")).hasValueSatisfying((s) -> {
				assertThat(s.errors()).isEqualTo(3);
				assertThat(s.compared()).isZero();
				assertThat(s.calibrated()).isEqualTo(3);
			}));
	}

	@Test
	void ignoredPathsAndUnorderedArraysMakeEquivalentAnswersMatch() {
		String before = "{\"id\":1,\"createdAt\":\"2026-11-25T10:00:00Z\",\"items\":[{\"id\":10,\"sku\":\"A\","
				+ "\"audit\":{\"createdAt\":\"x\"}},{\"id\":11,\"sku\":\"B\"}]}";
		String after = "{\"id\":77,\"createdAt\":\"2026-11-25T10:00:01Z\",\"items\":[{\"id\":5,\"sku\":\"B\"},"
				+ "{\"id\":6,\"sku\":\"A\",\"audit\":{\"createdAt\":\"y\"}}]}";
		legacy.answer("/api/lenient", Answer.json(before));
		modern.answer("/api/lenient", Answer.json(after));
		legacy.answer("/api/strict", Answer.json(before));
		modern.answer("/api/strict", Answer.json(after));
		getLegacyAnswer("/api/lenient/1", before);
		getLegacyAnswer("/api/strict/1", before);
		assertThat(awaitCompared("lenient", 1).matched()).isEqualTo(1);
		assertThat(awaitCompared("strict", 1).mismatched()).isEqualTo(1);
		assertThat(this.reports.mismatches("strict").get(0).differences()).contains("$.id: 1 != 77",
				"$.items[0].sku: \"A\" != \"B\"");
	}

	@Test
	void unsafeMethodsAreNotMirroredUnlessTheRuleAllowsIt() {
		legacy.answer("/api/orders", Answer.json("{\"order\":1}"));
		modern.answer("/api/orders", Answer.json("{\"order\":1}"));
		legacy.answer("/api/payments", Answer.json("{\"payment\":1}"));
		modern.answer("/api/payments", Answer.json("{\"payment\":1}"));
		String body = "{\"amount\":12.5,\"nonce\":\"" + UUID.randomUUID() + "\"}";
		post("/api/orders", body).expectStatus().isOk().expectBody().json("{\"order\":1}");
		post("/api/payments", body).expectStatus().isOk().expectBody().json("{\"payment\":1}");
		getLegacyAnswer("/api/orders/1", "{\"order\":1}");

		ShadowSummary payments = awaitCompared("payments", 1);
		assertThat(payments.matched()).isEqualTo(1);
		assertThat(payments.calibrated()).as("no A/A for unsafe methods").isZero();
		assertThat(modern.received("/api/payments")).singleElement().satisfies((r) -> {
			assertThat(r.method()).isEqualTo("POST");
			assertThat(r.body()).isEqualTo(body);
		});
		assertThat(legacy.received("/api/payments")).as("a POST is never sent twice to the monolith").hasSize(1);

		ShadowSummary orders = awaitCompared("orders", 1);
		assertThat(orders.ignored()).isEqualTo(1);
		assertThat(orders.ignoredBy()).containsEntry("unsafe-method", 1L);
		assertThat(modern.received("/api/orders")).singleElement()
			.satisfies((r) -> assertThat(r.method()).isEqualTo("GET"));
		assertThat(legacy.received("/api/orders")).filteredOn((r) -> r.method().equals("POST")).hasSize(1);
	}

	/**
	 * The monolith adds a random nonce to even-numbered products (noise: it differs from itself there); the new
	 * target never sends the nonce and also gets the price wrong for products 1 and 5. Of 8 requests, 6 mismatch
	 * and 4 of those are noise: excess 0.25.
	 */
	@Test
	void calibrationMeasuresNoiseAndOnlyTheExcessCountsAgainstTheNewTarget() {
		legacy.answer("/api/noisy", (request) -> {
			int n = Integer.parseInt(request.path().substring("/api/noisy/".length()));
			return Answer.json((n % 2 == 0) ? "{\"n\":" + n + ",\"price\":1,\"nonce\":\"" + UUID.randomUUID() + "\"}"
					: "{\"n\":" + n + ",\"price\":1}");
		});
		modern.answer("/api/noisy", (request) -> {
			int n = Integer.parseInt(request.path().substring("/api/noisy/".length()));
			return Answer.json("{\"n\":" + n + ",\"price\":" + ((n % 4 == 1) ? 2 : 1) + "}");
		});
		for (int n = 0; n < 8; n++) {
			this.client.get().uri("/api/noisy/" + n).exchange().expectStatus().isOk();
		}
		ShadowSummary summary = awaitCompared("noisy", 8);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.reports.summary("noisy").get().calibrated()).isEqualTo(8));
		summary = this.reports.summary("noisy").get();
		assertThat(summary.mismatched()).isEqualTo(6);
		assertThat(summary.mismatchRate()).isEqualTo(0.75);
		assertThat(summary.noisy()).isEqualTo(4);
		assertThat(summary.noiseRate()).isEqualTo(0.5);
		assertThat(summary.excessMismatchRate()).isEqualTo(0.25);
		assertThat(summary.noisyPaths()).containsExactly(Map.entry("$.nonce", 4L));
		assertThat(this.reports.report("noisy").get().noise()).hasSize(4)
			.allSatisfy((m) -> assertThat(m.calibration()).isTrue());
	}

	@Test
	void adminApiShowsSummariesAndMismatchesAndResets() {
		legacy.answer("/api/reported", Answer.json(PRODUCT));
		modern.answer("/api/reported", new Answer(404, "application/problem+json", "{\"status\":404}", null));
		getLegacyAnswer("/api/reported/1", PRODUCT);
		awaitCompared("reported", 1);

		this.client.get()
			.uri("/admin/api/shadow")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.rules[?(@.ruleId == 'reported')].mismatched")
			.isEqualTo(List.of(1));
		this.client.get()
			.uri("/admin/api/shadow/reported")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.summary.ruleId").isEqualTo("reported")
			.jsonPath("$.summary.compared").isEqualTo(1)
			.jsonPath("$.summary.matchRate").isEqualTo(0.0)
			.jsonPath("$.mismatches[0].path").isEqualTo("/api/reported/1")
			.jsonPath("$.mismatches[0].legacyStatus").isEqualTo(200)
			.jsonPath("$.mismatches[0].newStatus").isEqualTo(404)
			.jsonPath("$.mismatches[0].differences[0]").isEqualTo("status: 200 != 404")
			.jsonPath("$.mismatches[0].legacyBody").isEqualTo(PRODUCT);

		this.client.delete().uri("/admin/api/shadow/reported").exchange().expectStatus().isNoContent();
		assertThat(this.reports.summary("reported")).isEmpty();
		this.client.get()
			.uri("/admin/api/shadow/reported")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.summary.compared").isEqualTo(0)
			.jsonPath("$.summary.matchRate").doesNotExist()
			.jsonPath("$.mismatches").isEmpty();

		this.client.get()
			.uri("/admin/api/shadow/no-such-rule")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://figmart.dev/problems/unknown-rule")
			.jsonPath("$.status").isEqualTo(404)
			.jsonPath("$.ruleId").isEqualTo("no-such-rule");
	}

	@Test
	void everyCopyIsAccountedForUnderConcurrentLoad() {
		legacy.answer("/api/burst", Answer.json(PRODUCT));
		modern.answer("/api/burst", Answer.json(PRODUCT));
		WebClient web = WebClient.create("http://127.0.0.1:" + this.port);
		List<Integer> statuses = Flux.range(0, 300)
			.flatMap((i) -> web.get()
				.uri("/api/burst/" + i)
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())), 32)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(statuses).hasSize(300).containsOnly(200);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			ShadowSummary s = this.reports.summary("burst").orElseThrow();
			assertThat(s.compared() + s.ignored() + s.errors() + s.dropped()).isEqualTo(300);
			assertThat(this.traffic.inFlight()).isZero();
		});
		ShadowSummary summary = this.reports.summary("burst").orElseThrow();
		assertThat(summary.mismatched()).isZero();
		assertThat(summary.ignored()).isZero();
		assertThat(summary.errors()).isZero();
		assertThat(summary.compared()).isPositive();
		assertThat(summary.noisy()).isZero();
	}

	private void getLegacyAnswer(String path, String body) {
		this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Figmart-Served-By", "legacy")
			.expectBody()
			.json(body, true);
	}

	private WebTestClient.ResponseSpec post(String path, String body) {
		return this.client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	@Test
	void aDiscoveredTargetIsShadowedAtAnInstanceTheRegistryKnows() {
		legacy.answer("/api/discovered", Answer.json(PRODUCT));
		modern.answer("/api/discovered", Answer.json(PRODUCT));
		for (int i = 0; i < 3; i++) {
			this.client.get().uri("/api/discovered/A-1").exchange().expectStatus().isOk();
		}

		ShadowSummary summary = awaitCompared("discovered", 3);
		assertThat(summary.matched()).isEqualTo(3);
		assertThat(summary.ignored()).isZero();
	}

	@Test
	void aDiscoveredTargetWithoutInstancesIsCountedNotMirrored() {
		legacy.answer("/api/undiscovered", Answer.json(PRODUCT));
		this.client.get().uri("/api/undiscovered/A-1").exchange().expectStatus().isOk().expectBody().json(PRODUCT);

		ShadowSummary summary = awaitCompared("undiscovered", 1);
		assertThat(summary.ignoredBy()).containsEntry("no-instance", 1L);
		assertThat(summary.compared()).isZero();
	}

	private ShadowSummary awaitCompared(String ruleId, long settled) {
		await().atMost(Duration.ofSeconds(10)).pollInterval(20, TimeUnit.MILLISECONDS).until(() -> this.reports
			.summary(ruleId)
			.map((s) -> s.compared() + s.ignored() + s.errors() + s.dropped() >= settled)
			.orElse(false));
		return this.reports.summary(ruleId).orElseThrow();
	}

}
