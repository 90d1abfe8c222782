package com.figmart.strangler.gateway.edge;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Finds the bearer token of a request: the {@code Authorization} header, else, under {@code /admin/} only, the
 * dashboard's cookie. A request authenticated by the cookie is marked with {@link #FROM_COOKIE}, for the CSRF
 * check of state-changing requests.
 */
final class BearerTokenSources implements ServerAuthenticationConverter {

	static final String FROM_COOKIE = BearerTokenSources.class.getName() + ".fromCookie";

	private final ServerBearerTokenAuthenticationConverter header = new ServerBearerTokenAuthenticationConverter();

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		return this.header.convert(exchange).switchIfEmpty(Mono.defer(() -> fromCookie(exchange)));
	}

	private static Mono<Authentication> fromCookie(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		// The public admin paths (sign-in page, assets) must stay usable with a stale cookie: they never look at it.
		if (!path.startsWith("/admin/") || path.equals("/admin/login") || path.equals("/admin/logout") || path.startsWith("/admin/assets/")) {
			return Mono.empty();
		}
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(EdgeSecurity.ADMIN_COOKIE);
		if (cookie == null || cookie.getValue().isEmpty()) {
			return Mono.empty();
		}
		exchange.getAttributes().put(FROM_COOKIE, Boolean.TRUE);
		return Mono.just(new BearerTokenAuthenticationToken(cookie.getValue()));
	}

	/**
	 * Whether this request was authenticated by the cookie, changes state, and lacks the header a cross-site
	 * form cannot send.
	 */
	static boolean isCrossSiteRisk(ServerWebExchange exchange) {
		if (!Boolean.TRUE.equals(exchange.getAttribute(FROM_COOKIE))) {
			return false;
		}
		HttpMethod method = exchange.getRequest().getMethod();
		boolean safe = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
				|| HttpMethod.OPTIONS.equals(method) || HttpMethod.TRACE.equals(method);
		return !safe && !EdgeSecurity.CSRF_HEADER_VALUE
			.equals(exchange.getRequest().getHeaders().getFirst(EdgeSecurity.CSRF_HEADER));
	}

}
