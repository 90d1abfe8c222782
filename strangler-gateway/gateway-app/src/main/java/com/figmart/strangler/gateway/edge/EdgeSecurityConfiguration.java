package com.figmart.strangler.gateway.edge;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.security.oauth2.jwt.SupplierReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Spring Security for the gateway: a stateless OAuth2 resource server checking JWT bearer tokens.
 *
 * <ul>
 *   <li>{@code /admin/**} needs the role {@code admin}, except the sign-in page and {@code /admin/assets/**};</li>
 *   <li>{@code figmart.gateway.security.customer-paths} need {@code customer} or {@code admin};</li>
 *   <li>the {@code X-Figmart-Target} header needs {@code admin} (unless configured otherwise);</li>
 *   <li>{@code /actuator/**} needs {@code admin}, except health and info;</li>
 *   <li>everything else is open to anonymous clients, but a request with a token that fails the check gets
 *       401 wherever it goes: a client should learn that its token is bad, not be served as a stranger.</li>
 * </ul>
 *
 * Two filter chains: the admin chain adds Spring Security's default response headers (no framing, no
 * sniffing, no caching) to the gateway's own pages; the proxy chain leaves the proxied responses as the
 * services wrote them. No sessions, no CSRF tokens, no form or basic login: bearer tokens carry everything,
 * and the one cookie-borne token is guarded by {@link BearerTokenSources#isCrossSiteRisk}.
 */
@Configuration(proxyBeanMethods = false)
class EdgeSecurityConfiguration {

	private static final Log logger = LogFactory.getLog(EdgeSecurityConfiguration.class);

	static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

	/** Matches when no OIDC issuer is configured, that is when local tokens are in use. */
	static final class NoIssuerUri implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String issuerUri = context.getEnvironment().getProperty(ISSUER_URI);
			return issuerUri == null || issuerUri.isBlank();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "figmart.gateway.security.enabled", matchIfMissing = true)
	static class Enabled {

		@Bean
		RolesClaim edgeRolesClaim(EdgeProperties properties) {
			return new RolesClaim(properties.security().rolesClaim());
		}

		/**
		 * Local tokens, unless an OIDC issuer is configured; the key file is created now, so that tokens can be
		 * minted from it as soon as the gateway is up.
		 */
		@Bean
		@Conditional(NoIssuerUri.class)
		LocalTokens edgeLocalTokens(EdgeProperties properties) {
			Path keyFile = properties.security().localKeyFile();
			LocalTokens tokens = new LocalTokens(LocalKeyFile.readOrCreate(keyFile), Clock.systemUTC());
			logger.info("Checking local HS256 bearer tokens signed with the key in " + keyFile.toAbsolutePath());
			return tokens;
		}

		/**
		 * The tokens of the configured OIDC issuer, whose metadata and keys are fetched on first use, so that the
		 * gateway starts while the issuer is unreachable; else local HS256 tokens.
		 */
		@Bean
		ReactiveJwtDecoder edgeJwtDecoder(ObjectProvider<LocalTokens> localTokens,
				@Value("${" + ISSUER_URI + ":}") String issuerUri) {
			if (!issuerUri.isBlank()) {
				logger.info("Checking bearer tokens of the OIDC issuer " + issuerUri);
				return new SupplierReactiveJwtDecoder(() -> ReactiveJwtDecoders.fromIssuerLocation(issuerUri));
			}
			return localDecoder(localTokens.getObject().key());
		}

		@Bean
		TokenVerifier edgeTokenVerifier(ReactiveJwtDecoder decoder, RolesClaim roles) {
			return new TokenVerifier(decoder, roles);
		}

		@Bean
		@Order(1)
		SecurityWebFilterChain adminSecurityChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
				RolesClaim roles) {
			SecurityProblems problems = new SecurityProblems();
			stateless(http, decoder, roles, problems)
				.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/admin/**"))
				.headers((headers) -> headers.hsts((hsts) -> hsts.disable()))
				.authorizeExchange((exchanges) -> exchanges.pathMatchers(EdgeSecurity.PUBLIC_ADMIN_PATHS)
					.permitAll()
					.anyExchange()
					.access(adminWithoutCrossSiteRisk()));
			return http.build();
		}

		@Bean
		@Order(2)
		SecurityWebFilterChain proxySecurityChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
				RolesClaim roles, EdgeProperties properties) {
			SecurityProblems problems = new SecurityProblems();
			EdgeProperties.Security security = properties.security();
			stateless(http, decoder, roles, problems).headers((headers) -> headers.disable())
				.authorizeExchange((exchanges) -> {
					// the gateway's own actuator: health for probes, the rest (env, metrics, ...) for admins
					exchanges.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
					exchanges.pathMatchers("/actuator/**").hasRole(EdgeSecurity.ROLE_ADMIN);
					if (security.forcedTargetRequiresAdmin()) {
						exchanges.matchers(forcedSideHeader()).hasRole(EdgeSecurity.ROLE_ADMIN);
					}
					if (!security.customerPaths().isEmpty()) {
						exchanges.pathMatchers(security.customerPaths().toArray(String[]::new))
							.hasAnyRole(EdgeSecurity.ROLE_CUSTOMER, EdgeSecurity.ROLE_ADMIN);
					}
					exchanges.anyExchange().permitAll();
				});
			return http.build();
		}

		private static ServerHttpSecurity stateless(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
				RolesClaim roles, SecurityProblems problems) {
			return http.csrf((csrf) -> csrf.disable())
				.httpBasic((basic) -> basic.disable())
				.formLogin((form) -> form.disable())
				.logout((logout) -> logout.disable())
				.requestCache((cache) -> cache.disable())
				.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
				.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
				.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenConverter(new BearerTokenSources())
					.authenticationEntryPoint(problems)
					.accessDeniedHandler(problems)
					.jwt((jwt) -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(roles)));
		}

		private static ReactiveAuthorizationManager<AuthorizationContext> adminWithoutCrossSiteRisk() {
			return (authentication, context) -> authentication.filter(Authentication::isAuthenticated)
				.map((auth) -> (AuthorizationResult) new AuthorizationDecision(
						hasRole(auth, EdgeSecurity.ROLE_ADMIN) && !BearerTokenSources.isCrossSiteRisk(context.getExchange())))
				.defaultIfEmpty(new AuthorizationDecision(false));
		}

		private static boolean hasRole(Authentication authentication, String role) {
			String authority = "ROLE_" + role;
			for (GrantedAuthority granted : authentication.getAuthorities()) {
				if (authority.equals(granted.getAuthority())) {
					return true;
				}
			}
			return false;
		}

		private static ServerWebExchangeMatcher forcedSideHeader() {
			return (exchange) -> exchange.getRequest().getHeaders().containsHeader(EdgeSecurity.FORCED_SIDE_HEADER)
					? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
		}

	}

	/** Local tokens: HS256 with the local key, issuer {@value LocalTokens#ISSUER}, an expiry required. */
	static ReactiveJwtDecoder localDecoder(SecretKeySpec key) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(key)
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(LocalTokens.ISSUER),
						new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull)));
		return decoder;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "figmart.gateway.security.enabled", havingValue = false)
	static class Disabled {

		@Bean
		SecurityWebFilterChain openSecurityChain(ServerHttpSecurity http) {
			logger.warn("figmart.gateway.security.enabled=false: the gateway checks no token and lets anyone "
					+ "call the admin API. For local experiments only.");
			return http.csrf((csrf) -> csrf.disable())
				.httpBasic((basic) -> basic.disable())
				.formLogin((form) -> form.disable())
				.logout((logout) -> logout.disable())
				.requestCache((cache) -> cache.disable())
				.headers((headers) -> headers.disable())
				.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
				.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
				.build();
		}

		/** Keeps Boot from setting up an in-memory user with a generated password that nothing would use. */
		@Bean
		ReactiveAuthenticationManager edgeNoAuthentication() {
			return (authentication) -> Mono.empty();
		}

	}

}
