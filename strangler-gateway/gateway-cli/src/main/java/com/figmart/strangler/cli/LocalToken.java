package com.figmart.strangler.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tokens the gateway accepts when it checks its local HS256 key (the Tokens section of the admin API doc): a
 * JWT signed with HMAC-SHA256 over the key file's bytes, with {@code sub}, {@code roles}, {@code iss}
 * ({@value #ISSUER}), {@code iat} and {@code exp}.
 */
public final class LocalToken {

	static final String ISSUER = "figmart-local";

	static final List<String> ROLES = List.of("customer", "admin");

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private LocalToken() {
	}

	/**
	 * Reads a key file: one line, the base64 of the key's bytes (32 random bytes as the gateway writes it).
	 *
	 * @throws UnusableKeyFile if it cannot be read or does not hold a key
	 */
	public static byte[] readKey(Path keyFile) {
		String content;
		try {
			content = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
		}
		catch (NoSuchFileException ex) {
			throw new UnusableKeyFile(keyFile, "there is no such file (the gateway creates it on its first start)");
		}
		catch (IOException ex) {
			throw new UnusableKeyFile(keyFile, "it cannot be read (" + ex.getMessage() + ")");
		}
		byte[] key;
		try {
			key = Base64.getDecoder().decode(content);
		}
		catch (IllegalArgumentException ex) {
			throw new UnusableKeyFile(keyFile, "it does not hold one line of base64");
		}
		if (key.length < 32) {
			throw new UnusableKeyFile(keyFile, "its key has " + key.length + " bytes; HS256 needs at least 32");
		}
		return key;
	}

	/**
	 * A signed token.
	 *
	 * @param key the key's bytes
	 * @param subject who the token names ({@code sub}); the gateway audits changes under this name
	 * @param roles some of {@link #ROLES}
	 * @param ttl how long from {@code now} it is valid
	 */
	public static String mint(byte[] key, String subject, List<String> roles, Duration ttl, Instant now) {
		if (subject == null || subject.isBlank()) {
			throw new IllegalArgumentException("the subject must not be blank");
		}
		if (roles.isEmpty() || !ROLES.containsAll(roles)) {
			throw new IllegalArgumentException("roles must be some of " + ROLES + ", were " + roles);
		}
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("the time to live must be positive, was " + ttl);
		}
		ObjectNode header = JSON.createObjectNode().put("alg", "HS256").put("typ", "JWT");
		ObjectNode claims = JSON.createObjectNode();
		claims.put("sub", subject);
		roles.forEach(claims.putArray("roles")::add);
		claims.put("iss", ISSUER);
		claims.put("iat", now.getEpochSecond());
		claims.put("exp", now.plus(ttl).getEpochSecond());
		String signingInput = encode(JSON.writeValueAsString(header)) + "." + encode(JSON.writeValueAsString(claims));
		return signingInput + "." + BASE64URL.encodeToString(hmacSha256(key, signingInput));
	}

	private static String encode(String json) {
		return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] hmacSha256(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	/** A key file that cannot be used to sign: missing, unreadable, or not a key. */
	public static final class UnusableKeyFile extends RuntimeException {

		UnusableKeyFile(Path keyFile, String why) {
			super("cannot use the key file " + keyFile + ": " + why);
		}

	}

}
