package com.figmart.strangler.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HS256 tokens as the gateway checks them, written for the tests apart from {@link LocalToken} so that a
 * mistake there is not repeated here: the signature is recomputed from the raw segments and compared in
 * constant time, and {@code exp} is checked.
 */
final class TestTokens {

	private static final JsonMapper JSON = JsonMapper.shared();

	private TestTokens() {
	}

	/** The subject of a valid, unexpired token from an {@code Authorization} header; {@code null} otherwise. */
	static String verify(byte[] key, String authorization) {
		JsonNode claims = claimsIfValid(key, authorization);
		return (claims != null) ? claims.path("sub").asString(null) : null;
	}

	static List<String> roles(String authorization) {
		List<String> roles = new ArrayList<>();
		claims(authorization.substring("Bearer ".length())).path("roles").forEach((role) -> roles.add(role.asString()));
		return roles;
	}

	static JsonNode claimsIfValid(byte[] key, String authorization) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return null;
		}
		String token = authorization.substring("Bearer ".length());
		String[] parts = token.split("\\.");
		if (parts.length != 3) {
			return null;
		}
		byte[] expected = hmac(key, parts[0] + "." + parts[1]);
		byte[] actual;
		try {
			actual = Base64.getUrlDecoder().decode(parts[2]);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (!MessageDigest.isEqual(expected, actual)) {
			return null;
		}
		JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
		if (!"HS256".equals(header.path("alg").asString(null))) {
			return null;
		}
		JsonNode claims = claims(token);
		if (!"figmart-local".equals(claims.path("iss").asString(null))
				|| claims.path("exp").asLong(0) <= Instant.now().getEpochSecond()) {
			return null;
		}
		return claims;
	}

	static JsonNode header(String token) {
		return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
	}

	static JsonNode claims(String token) {
		return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
	}

	/** A token signed by the tests themselves, e.g. for a customer or an expired one. */
	static String sign(byte[] key, String subject, List<String> roles, Instant expiresAt) {
		String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
		StringBuilder claims = new StringBuilder("{\"sub\":\"").append(subject).append("\",\"roles\":[");
		for (int i = 0; i < roles.size(); i++) {
			claims.append(i > 0 ? "," : "").append('"').append(roles.get(i)).append('"');
		}
		claims.append("],\"iss\":\"figmart-local\",\"iat\":").append(expiresAt.getEpochSecond() - 60)
			.append(",\"exp\":").append(expiresAt.getEpochSecond()).append('}');
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String input = encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
		return input + "." + encoder.encodeToString(hmac(key, input));
	}

	private static byte[] hmac(byte[] key, String input) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
