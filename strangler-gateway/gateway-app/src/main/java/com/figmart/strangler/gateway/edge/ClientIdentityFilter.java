package com.figmart.strangler.gateway.edge;

import java.util.List;
import java.util.StringJoiner;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.figmart.strangler.gateway.ClientSubject;

/**
 * Runs right after Spring Security: puts the verified subject into the exchange ({@link ClientSubject}) for
 * the canary's sticky key and the rate limit, and takes the dashboard's cookie out of the request, so that no
 * proxied service ever receives an admin's token it did not ask for. The {@code Authorization} header is
 * forwarded: services may want the caller's identity.
 */
final class ClientIdentityFilter implements WebFilter, Ordered {

	/** After Spring Security's filter chain (-100). */
	static final int ORDER = -90;

	private static final String COOKIE_PREFIX = EdgeSecurity.ADMIN_COOKIE + "=";

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerWebExchange next = withoutAdminCookie(exchange);
		return exchange.getPrincipal().doOnNext((principal) -> {
			if (principal instanceof Authentication authentication && authentication.isAuthenticated()
					&& !(authentication instanceof AnonymousAuthenticationToken)) {
				exchange.getAttributes().put(ClientSubject.ATTRIBUTE, authentication.getName());
			}
		}).then(Mono.defer(() -> chain.filter(next)));
	}

	private static ServerWebExchange withoutAdminCookie(ServerWebExchange exchange) {
		List<String> cookies = exchange.getRequest().getHeaders().get(HttpHeaders.COOKIE);
		if (cookies == null || cookies.stream().noneMatch((header) -> header.contains(COOKIE_PREFIX))) {
			return exchange;
		}
		StringJoiner kept = new StringJoiner("; ");
		for (String header : cookies) {
			for (String pair : header.split(";")) {
				String cookie = pair.strip();
				if (!cookie.isEmpty() && !cookie.startsWith(COOKIE_PREFIX)) {
					kept.add(cookie);
				}
			}
		}
		return exchange.mutate().request((request) -> request.headers((headers) -> {
			headers.remove(HttpHeaders.COOKIE);
			if (kept.length() > 0) {
				headers.set(HttpHeaders.COOKIE, kept.toString());
			}
		})).build();
	}

}
