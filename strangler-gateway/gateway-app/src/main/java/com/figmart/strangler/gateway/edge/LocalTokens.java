package com.figmart.strangler.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.figmart.strangler.gateway.Json;

/**
 * Mints the gateway's local tokens: compact HS256 JWTs signed with the local key, with the claims {@code sub},
 * {@code roles}, {@code iss} ({@value #ISSUER}), {@code iat} and {@code exp}, as described in
 * {@code docs/gateway-admin-api.md} ("Tokens").
 *
 * <p>Used by tests, by the dashboard sign-in of a local setup and by anyone holding the key file; the
 * command-line client mints the same format on its own.
 */
public final class LocalTokens {

	/** The {@code iss} of local tokens, checked by the gateway. */
	public static final String ISSUER = "figmart-local";

	private static final String HEADER = Base64.getUrlEncoder()
		.withoutPadding()
		.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

	private final SecretKeySpec key;

	private final Clock clock;

	LocalTokens(byte[] key, Clock clock) {
		if (key.length < LocalKeyFile.KEY_BYTES) {
			throw new IllegalArgumentException("HS256 needs a key of at least " + LocalKeyFile.KEY_BYTES + " bytes");
		}
		this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
		this.clock = clock;
	}

	/** Tokens signed with the key in this file (as written by the gateway on first start). */
	public static LocalTokens fromKeyFile(Path keyFile) {
		return new LocalTokens(LocalKeyFile.read(keyFile), Clock.systemUTC());
	}

	/**
	 * A token for {@code subject} with these roles, valid from now for {@code ttl}.
	 *
	 * @param roles e.g. {@code customer}, {@code admin}
	 */
	public String mint(String subject, Collection<String> roles, Duration ttl) {
		Objects.requireNonNull(subject, "subject");
		long now = this.clock.instant().getEpochSecond();
		StringBuilder claims = new StringBuilder(128).append("{\"sub\":");
		Json.string(claims, subject);
		claims.append(",\"roles\":[");
		int i = 0;
		for (String role : roles) {
			if (i++ > 0) {
				claims.append(',');
			}
			Json.string(claims, role);
		}
		claims.append("],\"iss\":");
		Json.string(claims, ISSUER);
		claims.append(",\"iat\":").append(now).append(",\"exp\":").append(now + ttl.toSeconds()).append('}');
		String signingInput = HEADER + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
		return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sign(signingInput));
	}

	SecretKeySpec key() {
		return this.key;
	}

	private byte[] sign(String signingInput) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

}
