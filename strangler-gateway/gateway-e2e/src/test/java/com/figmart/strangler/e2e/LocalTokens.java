package com.figmart.strangler.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints tokens the way an operator does on the gateway's machine (see "Tokens" in
 * {@code docs/gateway-admin-api.md}): HS256 over the local key file, written here from the documented format
 * and not with the gateway's own code, so that a drift between the two shows.
 */
final class LocalTokens {

	private final Path keyFile;

	LocalTokens(Path keyFile) {
		this.keyFile = keyFile;
	}

	String admin(String subject) {
		return mint(subject, List.of("admin"), Duration.ofMinutes(30));
	}

	String customer(String subject) {
		return mint(subject, List.of("customer"), Duration.ofMinutes(30));
	}

	String mint(String subject, List<String> roles, Duration ttl) {
		Instant now = Instant.now();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", subject);
		claims.put("roles", roles);
		claims.put("iss", "figmart-local");
		claims.put("iat", now.getEpochSecond());
		claims.put("exp", now.plus(ttl).getEpochSecond());
		String signingInput = base64(GatewayHttp.JSON.writeValueAsBytes(Map.of("alg", "HS256", "typ", "JWT"))) + "."
				+ base64(GatewayHttp.JSON.writeValueAsBytes(claims));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			byte[] key = Base64.getDecoder().decode(Files.readString(this.keyFile).trim());
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return signingInput + "." + base64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String base64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
