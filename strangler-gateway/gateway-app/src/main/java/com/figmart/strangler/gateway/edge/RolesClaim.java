package com.figmart.strangler.gateway.edge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a verified JWT into an authentication whose name is the {@code sub} and whose authorities are
 * {@code ROLE_<role>} for each role in the configured claim.
 *
 * <p>The claim may be a list or a space-separated string, and a dotted name reaches into nested objects
 * ({@code realm_access.roles} of Keycloak), so tokens of most OIDC issuers work by configuration alone. Roles
 * are compared in lower case.
 */
final class RolesClaim implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

	private final String[] path;

	RolesClaim(String claim) {
		this.path = claim.split("\\.");
	}

	@Override
	public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (String role : rolesOf(jwt)) {
			authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
		}
		return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
	}

	Set<String> rolesOf(Jwt jwt) {
		Object value = jwt.getClaims();
		for (String name : this.path) {
			value = (value instanceof Map<?, ?> map) ? map.get(name) : null;
		}
		Set<String> roles = new LinkedHashSet<>();
		if (value instanceof Collection<?> list) {
			for (Object role : list) {
				add(roles, String.valueOf(role));
			}
		}
		else if (value instanceof String text) {
			for (String role : text.split("[\\s,]+")) {
				add(roles, role);
			}
		}
		return roles;
	}

	private static void add(Set<String> roles, String role) {
		if (!role.isBlank()) {
			roles.add(role.strip().toLowerCase(Locale.ROOT));
		}
	}

}
