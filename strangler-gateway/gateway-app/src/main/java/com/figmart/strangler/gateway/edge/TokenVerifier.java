package com.figmart.strangler.gateway.edge;

import java.time.Instant;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Checks a token the way the gateway checks bearer tokens (signature, issuer, expiry, roles claim), for code
 * that receives a token otherwise than in a header, such as the dashboard's sign-in form. Only present when
 * security is enabled.
 */
public final class TokenVerifier {

	private final ReactiveJwtDecoder decoder;

	private final RolesClaim roles;

	TokenVerifier(ReactiveJwtDecoder decoder, RolesClaim roles) {
		this.decoder = decoder;
		this.roles = roles;
	}

	/**
	 * The verified token, or an error ({@link org.springframework.security.oauth2.jwt.JwtException}) naming
	 * why it was refused.
	 */
	public Mono<VerifiedToken> verify(String token) {
		return this.decoder.decode(token)
			.map((jwt) -> new VerifiedToken(jwt.getSubject(), Set.copyOf(this.roles.rolesOf(jwt)), jwt.getExpiresAt()));
	}

	/**
	 * What a verified token says.
	 *
	 * @param subject the {@code sub}
	 * @param roles the roles, lower case
	 * @param expiresAt the {@code exp}, or {@code null} if the issuer sets none
	 */
	public record VerifiedToken(String subject, Set<String> roles, Instant expiresAt) {

		public boolean hasRole(String role) {
			return this.roles.contains(role);
		}

	}

}
