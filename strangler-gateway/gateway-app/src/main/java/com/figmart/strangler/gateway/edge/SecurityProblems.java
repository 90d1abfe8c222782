package com.figmart.strangler.gateway.edge;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.figmart.strangler.gateway.Problems;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers 401 and 403 with problem bodies ({@code https://figmart.dev/problems/unauthorized} and
 * {@code .../forbidden}) naming what is missing, and a {@code WWW-Authenticate: Bearer} challenge on 401
 * (RFC 6750).
 *
 * <p>A browser opening an admin page without a valid sign-in is sent to the sign-in page instead.
 */
final class SecurityProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

	private static final String REALM = "figmart-gateway";

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		ServerHttpRequest request = exchange.getRequest();
		ServerHttpResponse response = exchange.getResponse();
		if (isAdminPageNavigation(request)) {
			response.setStatusCode(HttpStatus.SEE_OTHER);
			response.getHeaders().setLocation(URI.create("/admin/login"));
			return response.setComplete();
		}
		OAuth2Error error = (ex instanceof OAuth2AuthenticationException oauth) ? oauth.getError() : null;
		StringBuilder challenge = new StringBuilder("Bearer realm=\"" + REALM + "\"");
		String detail;
		if (error != null) {
			challenge.append(", error=\"").append(quotable(error.getErrorCode())).append('"');
			if (error.getDescription() != null) {
				challenge.append(", error_description=\"").append(quotable(error.getDescription())).append('"');
			}
			detail = "The bearer token was refused: "
					+ ((error.getDescription() != null) ? error.getDescription() : error.getErrorCode());
		}
		else {
			detail = "This resource needs a bearer token (Authorization: Bearer ...)";
		}
		response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge.toString());
		boolean fromCookie = Boolean.TRUE.equals(exchange.getAttribute(BearerTokenSources.FROM_COOKIE));
		Map<String, String> where = fromCookie ? Map.of("cookie", EdgeSecurity.ADMIN_COOKIE)
				: Map.of("header", HttpHeaders.AUTHORIZATION);
		return Problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", detail, where);
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().pathWithinApplication().value();
		ServerHttpResponse response = exchange.getResponse();
		if (path.startsWith("/admin/")) {
			if (BearerTokenSources.isCrossSiteRisk(exchange)) {
				return Problems.write(response, HttpStatus.FORBIDDEN, "forbidden",
						"A change made with the dashboard's sign-in cookie must carry the header "
								+ EdgeSecurity.CSRF_HEADER + ": " + EdgeSecurity.CSRF_HEADER_VALUE,
						Map.of("header", EdgeSecurity.CSRF_HEADER));
			}
			return forbidden(response, EdgeSecurity.ROLE_ADMIN);
		}
		if (request.getHeaders().containsHeader(EdgeSecurity.FORCED_SIDE_HEADER)) {
			return Problems.write(response, HttpStatus.FORBIDDEN, "forbidden",
					"Only an admin may choose the answering side with " + EdgeSecurity.FORCED_SIDE_HEADER,
					Map.of("header", EdgeSecurity.FORCED_SIDE_HEADER, "requiredRole", EdgeSecurity.ROLE_ADMIN));
		}
		return forbidden(response, EdgeSecurity.ROLE_CUSTOMER);
	}

	private static Mono<Void> forbidden(ServerHttpResponse response, String role) {
		return Problems.write(response, HttpStatus.FORBIDDEN, "forbidden",
				"This resource needs the role '" + role + "'" + (EdgeSecurity.ROLE_CUSTOMER.equals(role)
						? " (or '" + EdgeSecurity.ROLE_ADMIN + "')" : ""),
				Map.of("requiredRole", role));
	}

	private static boolean isAdminPageNavigation(ServerHttpRequest request) {
		String path = request.getPath().pathWithinApplication().value();
		if (!HttpMethod.GET.equals(request.getMethod()) || !path.startsWith("/admin/")
				|| path.startsWith("/admin/api/") || request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			return false;
		}
		List<MediaType> accept = request.getHeaders().getAccept();
		return accept.stream().anyMatch((type) -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
	}

	/** RFC 6750 allows no double quote or backslash inside the quoted strings. */
	private static String quotable(String text) {
		return text.replace('"', '\'').replace('\\', '/');
	}

}
