package com.figmart.strangler.gateway.edge;

import org.springframework.web.server.ServerWebExchange;

/**
 * The request id and W3C trace id of a request, as settled by the edge before anything else runs: for
 * whoever sends a request on (a shadow copy, a retry) or reports on it.
 */
public final class RequestCorrelation {

	public static final String REQUEST_ID_HEADER = "X-Request-Id";

	public static final String TRACEPARENT_HEADER = "traceparent";

	public static final String TRACESTATE_HEADER = "tracestate";

	static final String REQUEST_ID_ATTRIBUTE = RequestCorrelation.class.getName() + ".requestId";

	static final String TRACE_ID_ATTRIBUTE = RequestCorrelation.class.getName() + ".traceId";

	private RequestCorrelation() {
	}

	/** The request id (sent upstream and echoed to the client), or {@code null} before the edge ran. */
	public static String requestIdOf(ServerWebExchange exchange) {
		return exchange.getAttribute(REQUEST_ID_ATTRIBUTE);
	}

	/** The 32 hex digits of the trace id, or {@code null} before the edge ran. */
	public static String traceIdOf(ServerWebExchange exchange) {
		return exchange.getAttribute(TRACE_ID_ATTRIBUTE);
	}

}
