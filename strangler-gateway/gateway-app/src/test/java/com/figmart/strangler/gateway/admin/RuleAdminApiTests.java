package com.figmart.strangler.gateway.admin;

import java.time.Duration;
import java.util.Map;

import com.figmart.strangler.gateway.EchoServer;
import com.figmart.strangler.gateway.GatewayClients;
import com.figmart.strangler.gateway.LiveRules;
import com.figmart.strangler.gateway.SeedRules;
import com.figmart.strangler.rules.Mode;
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

/**
 * The admin API of {@code docs/gateway-admin-api.md} over real sockets, on a real (embedded) PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "figmart.gateway.security.enabled=false", "spring.main.banner-mode=off" })
class RuleAdminApiTests {

	private static final String PROBLEM = "https://figmart.dev/problems/";

	private static EchoServer legacy;

	private static EchoServer catalog;

	@LocalServerPort
	private int port;

	@Autowired
	private LiveRules liveRules;

	private WebTestClient client;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		legacy = EchoServer.start("legacy");
		catalog = EchoServer.start("catalog-service");
		registry.add("figmart.gateway.legacy-uri", legacy::uri);
		registry.add("figmart.gateway.targets.catalog-service", catalog::uri);
		SeedRules.in(registry).rule("seeded", "GET", "/api/seeded/**", "CANARY(10)", "catalog-service", "timeout=2s");
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
	void listsConfiguredRulesSeededOnFirstStartAndAuditedAsConfiguration() {
		client.get().uri("/admin/api/rules").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.rules[?(@.id == 'seeded')].mode").isEqualTo("CANARY(10)")
			.jsonPath("$.rules[?(@.id == 'seeded')].version").isEqualTo(1)
			.jsonPath("$.rules[?(@.id == 'seeded')].methods[0]").isEqualTo("GET")
			.jsonPath("$.rules[?(@.id == 'seeded')].policy.timeout").isEqualTo("PT2S")
			.jsonPath("$.rules[?(@.id == 'seeded')].updatedBy").isEqualTo("configuration");
		client.get().uri("/admin/api/rules/seeded/history").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.changes.length()").isEqualTo(1)
			.jsonPath("$.changes[0].action").isEqualTo("CREATE")
			.jsonPath("$.changes[0].actor").isEqualTo("configuration")
			.jsonPath("$.changes[0].from").isEmpty()
			.jsonPath("$.changes[0].to.mode").isEqualTo("CANARY(10)")
			.jsonPath("$.changes[0].automatic").isEqualTo(false);
	}

	@Test
	void createsARuleThatRoutesAtOnce() {
		client.get().uri("/api/created/1").exchange().expectHeader().valueEquals("X-Figmart-Served-By", "legacy")
			.expectBody();

		client.post().uri("/admin/api/rules").contentType(MediaType.APPLICATION_JSON).bodyValue("""
				{"id": "created", "methods": ["get"], "pattern": "/api/created/**", "mode": "NEW",
				 "target": "catalog-service", "reason": "first slice",
				 "policy": {"timeout": "PT0.5S", "fallbackToLegacy": false,
				            "shadow": {"ignoredPaths": ["$..id"], "unorderedArrays": [], "mirrorUnsafeMethods": false},
				            "guard": {"maxErrorRate": 0.05, "maxP99": "PT0.5S", "window": "PT10S", "minRequests": 20}}}
				""").exchange()
			.expectStatus().isCreated()
			.expectHeader().valueEquals("Location", "/admin/api/rules/created")
			.expectBody()
			.jsonPath("$.id").isEqualTo("created")
			.jsonPath("$.methods[0]").isEqualTo("GET")
			.jsonPath("$.version").isEqualTo(1)
			.jsonPath("$.updatedBy").isEqualTo("anonymous")
			.jsonPath("$.updatedAt").isNotEmpty()
			.jsonPath("$.policy.timeout").isEqualTo("PT0.5S")
			.jsonPath("$.policy.fallbackToLegacy").isEqualTo(false)
			.jsonPath("$.policy.shadow.ignoredPaths[0]").isEqualTo("$..id")
			.jsonPath("$.policy.guard.maxErrorRate").isEqualTo(0.05)
			.jsonPath("$.policy.guard.window").isEqualTo("PT10S");

		client.get().uri("/api/created/1").exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("X-Figmart-Served-By", "catalog-service")
			.expectHeader().valueEquals("X-Figmart-Route", "created").expectBody();
		assertThat(liveRules.policyOf("created").timeout()).isEqualTo(Duration.ofMillis(500));
		client.get().uri("/admin/api/rules/created/history").exchange().expectBody()
			.jsonPath("$.changes[0].action").isEqualTo("CREATE")
			.jsonPath("$.changes[0].actor").isEqualTo("anonymous")
			.jsonPath("$.changes[0].reason").isEqualTo("first slice");
	}

	@Test
	void refusesADuplicateIdWith409() {
		create("duplicate", "LEGACY");
		client.post().uri("/admin/api/rules").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(rule("duplicate", "NEW"))
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.CONFLICT)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo(PROBLEM + "rule-exists")
			.jsonPath("$.currentVersion").isEqualTo(1)
			.jsonPath("$.rule.mode").isEqualTo("LEGACY");
	}

	@Test
	void refusesAChangeWithoutReasonNamingTheField() {
		client.post().uri("/admin/api/rules").contentType(MediaType.APPLICATION_JSON).bodyValue("""
				{"id": "no-reason", "pattern": "/api/x/**", "mode": "NEW", "target": "catalog-service", "reason": " "}
				""").exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo(PROBLEM + "invalid-rule")
			.jsonPath("$.status").isEqualTo(400)
			.jsonPath("$.title").isNotEmpty()
			.jsonPath("$.field").isEqualTo("reason");
		client.get().uri("/admin/api/rules/no-reason").exchange().expectStatus().isNotFound().expectBody();
	}

	@Test
	void refusesAnUnknownTargetNamingTheKnownOnes() {
		client.post().uri("/admin/api/rules").contentType(MediaType.APPLICATION_JSON).bodyValue("""
				{"id": "typo", "pattern": "/api/typo/**", "mode": "NEW", "target": "catalgo-service", "reason": "r"}
				""").exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.field").isEqualTo("target")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("catalgo-service")
				.contains("[catalog-service]"));
	}

	@Test
	void namesEveryInvalidField() {
		client.post().uri("/admin/api/rules").contentType(MediaType.APPLICATION_JSON).bodyValue("""
				{"id": "bad", "methods": ["GET", 7], "pattern": "api/no-slash", "mode": "CANARY(101)",
				 "target": "catalog-service", "reason": "r", "colour": "blue",
				 "policy": {"timeout": "2 seconds", "guard": {"maxErrorRate": 2, "maxP99": "PT0.5S", "window": "PT0.1S",
				            "minRequests": 0}}}
				""").exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.errors[*].field").value((java.util.List<String> fields) -> assertThat(fields)
				.contains("colour", "methods[1]", "pattern", "mode", "policy.timeout", "policy.guard.maxErrorRate",
						"policy.guard.window", "policy.guard.minRequests"));
	}

	@Test
	void refusesMalformedJsonNamingTheBody() {
		client.post().uri("/admin/api/rules").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"id\": ")
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.field").isEqualTo("body");
	}

	@Test
	void replacesARuleAndCountsItsVersionUp() {
		create("replaced", "LEGACY");
		client.put().uri("/admin/api/rules/replaced").contentType(MediaType.APPLICATION_JSON).bodyValue("""
				{"id": "replaced", "methods": [], "pattern": "/api/replaced/v2/**", "mode": "SHADOW",
				 "target": "catalog-service", "version": 1, "reason": "shadow first",
				 "updatedAt": "2020-01-01T00:00:00Z", "updatedBy": "whoever"}
				""").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.version").isEqualTo(2)
			.jsonPath("$.mode").isEqualTo("SHADOW")
			.jsonPath("$.pattern").isEqualTo("/api/replaced/v2/**")
			.jsonPath("$.updatedBy").isEqualTo("anonymous");
		assertThat(liveRules.rule("replaced")).hasValueSatisfying((rule) -> {
			assertThat(rule.rule().version()).isEqualTo(2);
			assertThat(rule.rule().mode()).isEqualTo(Mode.SHADOW);
		});
		client.get().uri("/admin/api/rules/replaced/history").exchange().expectBody()
			.jsonPath("$.changes.length()").isEqualTo(2)
			.jsonPath("$.changes[0].action").isEqualTo("UPDATE")
			.jsonPath("$.changes[0].from.mode").isEqualTo("LEGACY")
			.jsonPath("$.changes[0].from.version").isEqualTo(1)
			.jsonPath("$.changes[0].to.mode").isEqualTo("SHADOW")
			.jsonPath("$.changes[0].to.version").isEqualTo(2)
			.jsonPath("$.changes[0].reason").isEqualTo("shadow first")
			.jsonPath("$.changes[1].action").isEqualTo("CREATE");
	}

	@Test
	void changesOnlyTheGivenFieldsAndTakesEffectOnTheNextRequest() {
		create("patched", "LEGACY");
		client.get().uri("/api/patched/1").exchange().expectHeader().valueEquals("X-Figmart-Served-By", "legacy")
			.expectBody();

		patch("patched", "{\"mode\": \"NEW\", \"version\": 1, \"reason\": \"go\"}")
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.mode").isEqualTo("NEW")
			.jsonPath("$.pattern").isEqualTo("/api/patched/**")
			.jsonPath("$.version").isEqualTo(2);

		client.get().uri("/api/patched/1").exchange()
			.expectHeader().valueEquals("X-Figmart-Served-By", "catalog-service")
			.expectBody();
	}

	@Test
	void refusesAStaleVersionWith409AndChangesNothing() {
		create("contested", "LEGACY");
		patch("contested", "{\"mode\": \"CANARY(5)\", \"version\": 1, \"reason\": \"alice\"}").expectStatus().isOk()
			.expectBody();

		patch("contested", "{\"mode\": \"NEW\", \"version\": 1, \"reason\": \"bob, unaware of alice\"}")
			.expectStatus().isEqualTo(HttpStatus.CONFLICT)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo(PROBLEM + "version-conflict")
			.jsonPath("$.currentVersion").isEqualTo(2)
			.jsonPath("$.rule.mode").isEqualTo("CANARY(5)")
			.jsonPath("$.rule.version").isEqualTo(2);
		client.put().uri("/admin/api/rules/contested").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"pattern\": \"/api/contested/**\", \"mode\": \"NEW\", \"target\": \"catalog-service\", "
					+ "\"version\": 1, \"reason\": \"bob again\"}")
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody();
		client.delete().uri("/admin/api/rules/contested?version=1&reason=bob").exchange()
			.expectStatus().isEqualTo(HttpStatus.CONFLICT)
			.expectBody().jsonPath("$.currentVersion").isEqualTo(2);

		client.get().uri("/admin/api/rules/contested").exchange().expectBody()
			.jsonPath("$.mode").isEqualTo("CANARY(5)")
			.jsonPath("$.version").isEqualTo(2);
		client.get().uri("/admin/api/rules/contested/history").exchange().expectBody()
			.jsonPath("$.changes.length()").isEqualTo(2);
	}

	@Test
	void refusesChangesWithoutVersion() {
		create("unversioned", "LEGACY");
		patch("unversioned", "{\"mode\": \"NEW\", \"reason\": \"r\"}").expectStatus().isBadRequest()
			.expectBody().jsonPath("$.field").isEqualTo("version");
		client.delete().uri("/admin/api/rules/unversioned?reason=r").exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.field").isEqualTo("version");
		client.delete().uri("/admin/api/rules/unversioned?version=1").exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.field").isEqualTo("reason");
		patch("unversioned", "{\"version\": 1, \"reason\": \"nothing\"}").expectStatus().isBadRequest().expectBody();
		patch("unversioned", "{\"mode\": \"SIDEWAYS\", \"version\": 1, \"reason\": \"r\"}")
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.field").isEqualTo("mode");
		patch("unversioned", "{\"target\": \"nowhere\", \"version\": 1, \"reason\": \"r\"}").expectStatus()
			.isBadRequest()
			.expectBody().jsonPath("$.field").isEqualTo("target");
		client.get().uri("/admin/api/rules/unversioned").exchange().expectBody()
			.jsonPath("$.version").isEqualTo(1)
			.jsonPath("$.target").isEqualTo("catalog-service");
	}

	@Test
	void deletesARuleKeepingItsHistory() {
		create("deleted", "NEW");
		client.get().uri("/api/deleted/x").exchange()
			.expectHeader().valueEquals("X-Figmart-Served-By", "catalog-service")
			.expectBody();

		client.delete().uri("/admin/api/rules/deleted?version=1&reason=back to the monolith").exchange()
			.expectStatus().isNoContent().expectBody();

		client.get().uri("/api/deleted/x").exchange().expectHeader().valueEquals("X-Figmart-Served-By", "legacy")
			.expectBody();
		client.get().uri("/admin/api/rules/deleted").exchange().expectStatus().isNotFound()
			.expectBody().jsonPath("$.type").isEqualTo(PROBLEM + "rule-not-found");
		client.get().uri("/admin/api/rules/deleted/history").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.changes[0].action").isEqualTo("DELETE")
			.jsonPath("$.changes[0].from.mode").isEqualTo("NEW")
			.jsonPath("$.changes[0].to").isEmpty()
			.jsonPath("$.changes[0].reason").isEqualTo("back to the monolith");
	}

	@Test
	void answers404ForAnUnknownRule() {
		client.get().uri("/admin/api/rules/nope").exchange().expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.ruleId").isEqualTo("nope");
		patch("nope", "{\"mode\": \"NEW\", \"version\": 1, \"reason\": \"r\"}").expectStatus().isNotFound()
			.expectBody();
		client.delete().uri("/admin/api/rules/nope?version=1&reason=r").exchange().expectStatus().isNotFound()
			.expectBody();
		client.get().uri("/admin/api/rules/nope/history").exchange().expectStatus().isNotFound().expectBody();
	}

	@Test
	void listsRecentChangesOfAllRulesNewestFirst() {
		create("history-a", "LEGACY");
		create("history-b", "LEGACY");
		client.get().uri("/admin/api/history?limit=2").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.changes.length()").isEqualTo(2)
			.jsonPath("$.changes[0].ruleId").isEqualTo("history-b")
			.jsonPath("$.changes[1].ruleId").isEqualTo("history-a")
			.jsonPath("$.changes[0].seq").value((Integer seq) -> assertThat(seq).isGreaterThan(1));
		client.get().uri("/admin/api/history").exchange().expectStatus().isOk().expectBody();
		client.get().uri("/admin/api/history?limit=0").exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.field").isEqualTo("limit");
	}

	private void create(String id, String mode) {
		client.post().uri("/admin/api/rules").contentType(MediaType.APPLICATION_JSON).bodyValue(rule(id, mode))
			.exchange()
			.expectStatus().isCreated().expectBody();
	}

	private WebTestClient.ResponseSpec patch(String id, String body) {
		return client.patch().uri("/admin/api/rules/" + id).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
			.exchange();
	}

	private static Map<String, Object> rule(String id, String mode) {
		return Map.of("id", id, "pattern", "/api/" + id + "/**", "mode", mode, "target", "catalog-service", "reason",
				"test " + id);
	}

}
