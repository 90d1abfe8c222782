package com.figmart.strangler.gateway;

import java.net.InetSocketAddress;

import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The key that keeps a client on one side of a canary.
 *
 * <ol>
 *   <li>the verified subject of the request's token ({@link ClientSubject}), when it has one;</li>
 *   <li>the {@value #CUSTOMER_HEADER} header: the same customer gets the same side on every device and
 *       every gateway instance;</li>
 *   <li>else the session cookie (the monolith's {@code JSESSIONID} by default): anonymous visitors stay on
 *       one side for their session;</li>
 *   <li>else the client's IP address (the TCP peer; {@code X-Forwarded-For} is not trusted here): a first
 *       request without a session has nothing better, and it is still stable for that client.</li>
 * </ol>
 *
 * A client moving from one kind of key to the next (first request, then session, then login) may change
 * side once; within one key kind the side never changes while the percentage stays the same.
 */
final class StickyKeys {

	static final String CUSTOMER_HEADER = "X-Customer-Id";

	private final String sessionCookie;

	StickyKeys(String sessionCookie) {
		this.sessionCookie = sessionCookie;
	}

	String keyOf(ServerWebExchange exchange) {
		String subject = ClientSubject.of(exchange);
		return (subject != null) ? subject : keyOf(exchange.getRequest());
	}

	String keyOf(ServerHttpRequest request) {
		String customer = request.getHeaders().getFirst(CUSTOMER_HEADER);
		if (customer != null && !customer.isBlank()) {
			return customer.strip();
		}
		HttpCookie session = request.getCookies().getFirst(sessionCookie);
		if (session != null && !session.getValue().isEmpty()) {
			return session.getValue();
		}
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote != null && remote.getAddress() != null) {
			return remote.getAddress().getHostAddress();
		}
		return "";
	}

}
