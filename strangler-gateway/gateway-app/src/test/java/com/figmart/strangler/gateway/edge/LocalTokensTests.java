package com.figmart.strangler.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local tokens have the documented format and pass the gateway's own check.
 */
class LocalTokensTests {

	private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	@Test
	void mintsTheDocumentedClaims() {
		Clock clock = Clock.fixed(Instant.ofEpochSecond(1_800_000_000), ZoneOffset.UTC);
		String token = new LocalTokens(KEY, clock).mint("alice", List.of("customer", "admin"), Duration.ofHours(1));
		String[] parts = token.split("\\.");
		assertThat(parts).hasSize(3);
		assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
		assertThat(decode(parts[1])).isEqualTo("{\"sub\":\"alice\",\"roles\":[\"customer\",\"admin\"],"
				+ "\"iss\":\"figmart-local\",\"iat\":1800000000,\"exp\":1800003600}");
	}

	@Test
	void passesTheGatewaysCheck() {
		LocalTokens tokens = new LocalTokens(KEY, Clock.systemUTC());
		Jwt jwt = EdgeSecurityConfiguration.localDecoder(tokens.key())
			.decode(tokens.mint("alice", List.of("admin"), Duration.ofMinutes(5)))
			.block();
		assertThat(jwt.getSubject()).isEqualTo("alice");
		assertThat(jwt.getClaimAsStringList("roles")).containsExactly("admin");
		assertThat(jwt.getClaimAsString("iss")).isEqualTo("figmart-local");
	}

	private static String decode(String part) {
		return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
	}

}
