package com.figmart.strangler.gateway;

import org.springframework.web.server.ServerWebExchange;

/**
 * The authenticated subject of a request (the {@code sub} of its token), as put into the exchange by the edge
 * filters once the token is verified. It is the best sticky key for a canary and the rate-limit key of a
 * signed-in client.
 */
public final class ClientSubject {

	/** The exchange attribute holding the subject, a {@link String}. */
	public static final String ATTRIBUTE = ClientSubject.class.getName();

	private ClientSubject() {
	}

	/** The verified subject of this request, or {@code null} for an anonymous one. */
	public static String of(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

}
