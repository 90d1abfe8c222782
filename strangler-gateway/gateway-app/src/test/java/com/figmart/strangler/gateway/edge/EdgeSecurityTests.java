package com.figmart.strangler.gateway.edge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.figmart.strangler.gateway.EchoServer;
import com.figmart.strangler.gateway.GatewayClients;
import com.figmart.strangler.gateway.SeedRules;
import com.figmart.strangler.rules.CanaryAssignment;
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
 * JWT bearer authentication and roles at the gateway, over real sockets, with local HS256 tokens and a real
 * upstream that records what reaches it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "figmart.gateway.rate-limit.enabled=false")
class EdgeSecurityTests {

	private static final Path KEY_FILE = tempDir().resolve("keys/jwt-hs256.key");

	private static EchoServer legacy;

	private static EchoServer modern;

	@LocalServerPort
	private int port;

	private WebTestClient client;

	private LocalTokens tokens;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		legacy = EchoServer.start("legacy");
		modern = EchoServer.start("new-service");
		registry.add("figmart.gateway.legacy-uri", legacy::uri);
		registry.add("figmart.gateway.targets.new-service", modern::uri);
		registry.add("figmart.gateway.security.local-key-file", KEY_FILE::toString);
		SeedRules.in(registry).rule("canary", "", "/api/canary/**", "CANARY(50)", "new-service");
	}

	@AfterAll
	static void stopUpstreams() {
		legacy.close();
		modern.close();
	}

	@BeforeEach
	void client() {
		this.client = GatewayClients.at(this.port);
		this.tokens = LocalTokens.fromKeyFile(KEY_FILE);
	}

	@Test
	void createsTheLocalKeyOnFirstStartReadableByItsOwnerOnly() throws IOException {
		assertThat(KEY_FILE).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(KEY_FILE))).isEqualTo("rw-------");
		assertThat(Files.readString(KEY_FILE).strip()).matches("[A-Za-z0-9+/]{43}=");
	}

	@Test
	void anonymousClientsPassWhereNoRoleIsNeeded() {
		this.client.get().uri("/api/catalog/products").exchange().expectStatus().isOk();
		this.client.get().uri("/api/catalog/products").header(HttpHeaders.AUTHORIZATION, bearer("customer"))
			.exchange().expectStatus().isOk();
	}

	@Test
	void customerPathsNeedACustomerOrAdminToken() {
		this.client.get().uri("/api/orders/7").exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"figmart-gateway\"")
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://figmart.dev/problems/unauthorized")
			.jsonPath("$.status").isEqualTo(401)
			.jsonPath("$.header").isEqualTo("Authorization");
		assertThat(legacy.sawPath("/api/orders/7")).isFalse();
		this.client.post().uri("/api/carts/1/items").header(HttpHeaders.AUTHORIZATION, bearer("customer"))
			.bodyValue("{}").exchange().expectStatus().isOk();
		this.client.get().uri("/api/payments/3").header(HttpHeaders.AUTHORIZATION, bearer("admin"))
			.exchange().expectStatus().isOk();
		this.client.get().uri("/api/orders/7").header(HttpHeaders.AUTHORIZATION, bearer())
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://figmart.dev/problems/forbidden")
			.jsonPath("$.requiredRole").isEqualTo("customer");
	}

	@Test
	void adminPathsNeedTheAdminRole() {
		this.client.get().uri("/admin/api/rules").exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/admin/api/rules").header(HttpHeaders.AUTHORIZATION, bearer("customer"))
			.exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.requiredRole").isEqualTo("admin");
		this.client.get().uri("/admin/api/rules").header(HttpHeaders.AUTHORIZATION, bearer("admin"))
			.exchange().expectStatus().isOk();
	}

	@Test
	void actuatorEndpointsBeyondHealthAreForAdmins() {
		this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/actuator/env").header(HttpHeaders.AUTHORIZATION, bearer("customer"))
			.exchange().expectStatus().isForbidden();
	}

	@Test
	void signInPageAndAssetsArePublic() {
		this.client.get().uri("/admin/login").exchange().expectStatus().isOk();
		this.client.post().uri("/admin/login").cookie(EdgeSecurity.ADMIN_COOKIE, "stale.or.garbage")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("token=x")
			.exchange().expectStatus().isSeeOther();
		this.client.get().uri("/admin/assets/dashboard.css").exchange().expectStatus().isOk();
		this.client.get().uri("/admin/assets/dashboard.css").cookie(EdgeSecurity.ADMIN_COOKIE, "expired.or.garbage")
			.exchange().expectStatus().isOk();
	}

	@Test
	void aBrowserOpeningAnAdminPageWithoutSignInIsSentToTheSignInPage() {
		this.client.get().uri("/admin/dashboard").accept(MediaType.TEXT_HTML).exchange()
			.expectStatus().isSeeOther()
			.expectHeader().valueEquals(HttpHeaders.LOCATION, "/admin/login");
	}

	@Test
	void aBadTokenGets401AnywhereEvenWhereNoneIsNeeded() {
		LocalTokens otherKey = new LocalTokens(new byte[32], java.time.Clock.systemUTC());
		List<String> bad = List.of("not-a-jwt", this.tokens.mint("alice", List.of("customer"), Duration.ofMinutes(-5)),
				otherKey.mint("alice", List.of("admin"), Duration.ofMinutes(5)));
		for (String token : bad) {
			this.client.get().uri("/api/catalog/products").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange()
				.expectStatus().isUnauthorized()
				.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, (challenge) -> assertThat(challenge)
					.startsWith("Bearer realm=\"figmart-gateway\", error=\"invalid_token\""))
				.expectBody()
				.jsonPath("$.type").isEqualTo("https://figmart.dev/problems/unauthorized")
				.jsonPath("$.detail").value((String detail) -> assertThat(detail).startsWith("The bearer token was refused"));
		}
	}

	@Test
	void theDashboardCookieAuthenticatesAdminPathsOnly() {
		String admin = this.tokens.mint("alice", List.of("admin"), Duration.ofMinutes(5));
		this.client.get().uri("/admin/api/rules").cookie(EdgeSecurity.ADMIN_COOKIE, admin)
			.exchange().expectStatus().isOk();
		this.client.get().uri("/api/orders/1").cookie(EdgeSecurity.ADMIN_COOKIE, admin)
			.exchange().expectStatus().isUnauthorized();
	}

	@Test
	void aChangeSignedInWithTheCookieNeedsTheDashboardHeader() {
		String admin = this.tokens.mint("alice", List.of("admin"), Duration.ofMinutes(5));
		this.client.patch().uri("/admin/api/rules/r1").cookie(EdgeSecurity.ADMIN_COOKIE, admin)
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://figmart.dev/problems/forbidden")
			.jsonPath("$.header").isEqualTo("X-Requested-With");
		assertThat(legacy.sawPath("/admin/api/rules/r1")).isFalse();
		// past the edge, the admin API itself answers: here, that the empty change lacks a version
		this.client.patch().uri("/admin/api/rules/r1").cookie(EdgeSecurity.ADMIN_COOKIE, admin)
			.header(EdgeSecurity.CSRF_HEADER, EdgeSecurity.CSRF_HEADER_VALUE)
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
			.exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("https://figmart.dev/problems/invalid-rule");
		this.client.delete().uri("/admin/api/rules/r2").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
			.exchange().expectStatus().isBadRequest();
	}

	@Test
	void theDashboardCookieIsNotForwarded() {
		String admin = this.tokens.mint("alice", List.of("admin"), Duration.ofMinutes(5));
		this.client.get().uri("/api/cookies").cookie(EdgeSecurity.ADMIN_COOKIE, admin)
			.cookie("JSESSIONID", "abc").exchange().expectStatus().isOk();
		EchoServer.Received received = legacy.lastTo("/api/cookies");
		assertThat(String.join(";", received.headerValues("Cookie"))).isEqualTo("JSESSIONID=abc");
	}

	@Test
	void nothingUnderAdminIsEverSentToTheMonolith() {
		String admin = this.tokens.mint("alice", List.of("admin"), Duration.ofMinutes(5));
		this.client.get().uri("/admin/api/no-such-endpoint").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
			.exchange().expectStatus().isNotFound();
		assertThat(legacy.sawPath("/admin/api/no-such-endpoint")).isFalse();
	}

	@Test
	void onlyAnAdminMayChooseTheSide() {
		this.client.get().uri("/api/canary/1").header("X-Figmart-Target", "new")
			.header(HttpHeaders.AUTHORIZATION, bearer("customer"))
			.exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.header").isEqualTo("X-Figmart-Target");
		this.client.get().uri("/api/canary/1").header("X-Figmart-Target", "new")
			.exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/api/canary/1").header("X-Figmart-Target", "new")
			.header(HttpHeaders.AUTHORIZATION, bearer("admin"))
			.exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("X-Figmart-Served-By", "new-service");
	}

	@Test
	void theTokensSubjectIsTheCanarysStickyKey() {
		CanaryAssignment assignment = new CanaryAssignment("canary");
		for (int i = 0; i < 30; i++) {
			String subject = "customer-" + i;
			String token = this.tokens.mint(subject, List.of("customer"), Duration.ofMinutes(5));
			String expected = assignment.routesToNew(subject, 50) ? "new-service" : "legacy";
			// a spoofed customer header does not move a signed-in customer
			this.client.get().uri("/api/canary/cart").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.header("X-Customer-Id", "someone-else-" + i)
				.exchange()
				.expectStatus().isOk()
				.expectHeader().valueEquals("X-Figmart-Served-By", expected);
		}
	}

	@Test
	void theAuthorizationHeaderReachesTheService() {
		String bearer = bearer("customer");
		this.client.get().uri("/api/orders/42").header(HttpHeaders.AUTHORIZATION, bearer).exchange().expectStatus().isOk();
		assertThat(legacy.lastTo("/api/orders/42").header("Authorization")).isEqualTo(bearer);
	}

	private String bearer(String... roles) {
		return "Bearer " + this.tokens.mint("alice", Set.of(roles), Duration.ofMinutes(5));
	}

	private static Path tempDir() {
		try {
			return Files.createTempDirectory("edge-security-tests");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
