package com.figmart.strangler.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.figmart.strangler.gateway.EchoServer;
import com.figmart.strangler.gateway.GatewayClients;
import com.figmart.strangler.gateway.SeedRules;
import com.figmart.strangler.gateway.edge.EdgeSecurity;
import com.figmart.strangler.gateway.edge.LocalTokens;
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

/**
 * The dashboard's pages, its sign-in and its one JSON document, over a real socket with security on. The
 * page itself is driven in a real browser by {@code DashboardBrowserIT} in the end-to-end module.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "figmart.gateway.rate-limit.enabled=false")
class DashboardTests {

	private static final Path KEY_FILE = tempDirectory().resolve("jwt-hs256.key");

	private static EchoServer legacy;

	private static EchoServer modern;

	@LocalServerPort
	private int port;

	private WebTestClient client;

	private String admin;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		legacy = EchoServer.start("legacy");
		modern = EchoServer.start("catalog-service");
		registry.add("figmart.gateway.legacy-uri", legacy::uri);
		registry.add("figmart.gateway.targets.catalog-service", modern::uri);
		registry.add("figmart.gateway.security.local-key-file", KEY_FILE::toString);
		SeedRules.in(registry).rule("catalog-read", "GET", "/api/catalog/**", "NEW", "catalog-service");
	}

	@AfterAll
	static void stopUpstreams() {
		legacy.close();
		modern.close();
	}

	@BeforeEach
	void client() {
		this.client = GatewayClients.at(this.port);
		this.admin = LocalTokens.fromKeyFile(KEY_FILE).mint("alice", List.of("admin"), Duration.ofMinutes(5));
	}

	@Test
	void showsEveryRuleWithItsTrafficPerSideAndTheChangesOfTheRules() {
		for (int i = 0; i < 5; i++) {
			this.client.get().uri("/api/catalog/products").exchange().expectStatus().isOk();
		}

		this.client.get().uri("/admin/api/dashboard").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.admin)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.generatedAt").isNotEmpty()
			.jsonPath("$.windowSeconds").isEqualTo(10)
			.jsonPath("$.rules[0].id").isEqualTo("catalog-read")
			.jsonPath("$.rules[0].mode").isEqualTo("NEW")
			.jsonPath("$.rules[0].version").isEqualTo(1)
			.jsonPath("$.rules[0].breaker").isEqualTo("CLOSED")
			.jsonPath("$.rules[0].traffic[?(@.side == 'new')].requests").isEqualTo(List.of(5))
			.jsonPath("$.rules[0].traffic[?(@.side == 'new')].errorRate").isEqualTo(List.of(0.0))
			.jsonPath("$.rules[0].lastChange.actor").isEqualTo("configuration")
			.jsonPath("$.recentChanges[0].ruleId").isEqualTo("catalog-read");
	}

	@Test
	void onlyAnAdminSeesIt() {
		this.client.get().uri("/admin/api/dashboard").exchange().expectStatus().isUnauthorized();
		String customer = LocalTokens.fromKeyFile(KEY_FILE).mint("bob", List.of("customer"), Duration.ofMinutes(5));
		this.client.get().uri("/admin/api/dashboard").header(HttpHeaders.AUTHORIZATION, "Bearer " + customer)
			.exchange().expectStatus().isForbidden();
		this.client.get().uri("/admin/dashboard").accept(MediaType.TEXT_HTML).exchange()
			.expectStatus().isSeeOther()
			.expectHeader().valueEquals(HttpHeaders.LOCATION, "/admin/login");
	}

	@Test
	void signingInTurnsAnAdminTokenIntoAnHttpOnlyCookieForTheAdminPagesOnly() {
		this.client.post().uri("/admin/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("token=" + this.admin)
			.exchange()
			.expectStatus().isSeeOther()
			.expectHeader().valueEquals(HttpHeaders.LOCATION, "/admin/dashboard")
			.expectCookie().httpOnly(EdgeSecurity.ADMIN_COOKIE, true)
			.expectCookie().sameSite(EdgeSecurity.ADMIN_COOKIE, "Strict")
			.expectCookie().path(EdgeSecurity.ADMIN_COOKIE, "/admin");

		this.client.get().uri("/admin/dashboard").cookie(EdgeSecurity.ADMIN_COOKIE, this.admin).exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader().valueEquals("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
			.expectBody(String.class).value((html) -> assertThat(html).contains("/admin/assets/dashboard.js"));
	}

	@Test
	void aTokenWithoutTheAdminRoleOrAForgedOneDoesNotSignIn() {
		String customer = LocalTokens.fromKeyFile(KEY_FILE).mint("bob", List.of("customer"), Duration.ofMinutes(5));
		this.client.post().uri("/admin/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("token=" + customer)
			.exchange()
			.expectStatus().isSeeOther()
			.expectHeader().value(HttpHeaders.LOCATION, (location) -> assertThat(location).startsWith("/admin/login?error="))
			.expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
		this.client.post().uri("/admin/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("token=" + this.admin + "x")
			.exchange()
			.expectStatus().isSeeOther()
			.expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
	}

	@Test
	void signingOutClearsTheCookie() {
		this.client.post().uri("/admin/logout").exchange()
			.expectStatus().isSeeOther()
			.expectCookie().maxAge(EdgeSecurity.ADMIN_COOKIE, Duration.ZERO);
	}

	private static Path tempDirectory() {
		try {
			return Files.createTempDirectory("dashboard-tests");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
