package com.figmart.strangler.gateway.edge;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles are read from a configurable claim, so tokens of other issuers work by configuration.
 */
class RolesClaimTests {

	@Test
	void readsAListOfRoles() {
		assertThat(new RolesClaim("roles").rolesOf(jwt(Map.of("roles", List.of("customer", "Admin")))))
			.containsExactly("customer", "admin");
	}

	@Test
	void readsASpaceSeparatedString() {
		assertThat(new RolesClaim("scope").rolesOf(jwt(Map.of("scope", "customer  admin")))).containsExactly("customer",
				"admin");
	}

	@Test
	void followsADottedPathIntoNestedClaims() {
		Jwt keycloak = jwt(Map.of("realm_access", Map.of("roles", List.of("admin", "offline_access"))));
		assertThat(new RolesClaim("realm_access.roles").rolesOf(keycloak)).containsExactly("admin", "offline_access");
	}

	@Test
	void noClaimMeansNoRoles() {
		assertThat(new RolesClaim("roles").rolesOf(jwt(Map.of("other", "x")))).isEmpty();
		assertThat(new RolesClaim("a.b").rolesOf(jwt(Map.of("a", "not an object")))).isEmpty();
	}

	@Test
	void authenticatesAsTheSubjectWithRoleAuthorities() {
		var authentication = new RolesClaim("roles").convert(jwt(Map.of("roles", List.of("customer")))).block();
		assertThat(authentication.getName()).isEqualTo("alice");
		assertThat(authentication.getAuthorities()).extracting("authority").containsExactly("ROLE_customer");
	}

	private static Jwt jwt(Map<String, Object> claims) {
		return Jwt.withTokenValue("token")
			.header("alg", "HS256")
			.subject("alice")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.claims((all) -> all.putAll(claims))
			.build();
	}

}
