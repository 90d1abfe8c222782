package com.figmart.strangler.gateway.edge;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.figmart.strangler.gateway.EchoServer;
import com.figmart.strangler.gateway.GatewayClients;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} set, the gateway checks the tokens of that
 * OIDC issuer (here a real one on a local port: discovery document and RS256 key set) and no longer the local
 * ones; the roles come from a configured nested claim.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "figmart.gateway.rate-limit.enabled=false",
				"figmart.gateway.security.roles-claim=realm_access.roles" })
class OidcIssuerTests {

	private static final RSAKey KEY = rsaKey();

	private static HttpServer issuer;

	private static EchoServer legacy;

	private static Path localKeyFile;

	@LocalServerPort
	private int port;

	private WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		issuer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		issuer.createContext("/.well-known/openid-configuration", (exchange) -> json(exchange,
				"{\"issuer\":\"" + issuerUri() + "\",\"jwks_uri\":\"" + issuerUri() + "/jwks\","
						+ "\"subject_types_supported\":[\"public\"],"
						+ "\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
		issuer.createContext("/jwks", (exchange) -> json(exchange, new JWKSet(KEY.toPublicJWK()).toString()));
		issuer.start();
		legacy = EchoServer.start("legacy");
		localKeyFile = Files.createTempDirectory("oidc-issuer-tests").resolve("jwt.key");
		registry.add("figmart.gateway.legacy-uri", legacy::uri);
		registry.add("figmart.gateway.security.local-key-file", localKeyFile::toString);
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", OidcIssuerTests::issuerUri);
	}

	@AfterAll
	static void stopServers() {
		issuer.stop(0);
		legacy.close();
	}

	@BeforeEach
	void client() {
		this.client = GatewayClients.at(this.port);
	}

	@Test
	void checksTheIssuersTokensAndTakesRolesFromTheConfiguredClaim() throws JOSEException {
		this.client.get().uri("/admin/api/rules").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("admin"))
			.exchange().expectStatus().isOk();
		this.client.get().uri("/admin/api/rules").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("customer"))
			.exchange().expectStatus().isForbidden();
		this.client.get().uri("/api/orders/1").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("customer"))
			.exchange().expectStatus().isOk();
	}

	@Test
	void refusesLocalTokensAndNeverCreatesTheLocalKey() {
		LocalTokens local = new LocalTokens(new byte[32], java.time.Clock.systemUTC());
		this.client.get().uri("/api/catalog/products")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + local.mint("alice", List.of("admin"), Duration.ofMinutes(5)))
			.exchange().expectStatus().isUnauthorized();
		assertThat(localKeyFile).doesNotExist();
	}

	private static String token(String role) throws JOSEException {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuerUri())
			.subject("carol")
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.claim("realm_access", Map.of("roles", List.of(role)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(KEY));
		return jwt.serialize();
	}

	private static String issuerUri() {
		return "http://127.0.0.1:" + issuer.getAddress().getPort();
	}

	private static void json(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static RSAKey rsaKey() {
		try {
			return new RSAKeyGenerator(2048).keyID("test-key").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
