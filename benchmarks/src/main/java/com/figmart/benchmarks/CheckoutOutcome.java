package com.figmart.benchmarks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How one {@code POST /api/orders} ended, as a short kind name: {@code confirmed}, {@code rejected},
 * {@code pending}, {@code status_<other>} (a 2xx with another order status), {@code bad_response}
 * (a 2xx without a readable status), {@code http_<code>}, {@code timeout}, {@code connect_error}
 * or {@code io_error}.
 */
public final class CheckoutOutcome {

	public static final String CONFIRMED = "confirmed";

	public static final String REJECTED = "rejected";

	public static final String PENDING = "pending";

	public static final String BAD_RESPONSE = "bad_response";

	public static final String TIMEOUT = "timeout";

	public static final String CONNECT_ERROR = "connect_error";

	public static final String IO_ERROR = "io_error";

	private CheckoutOutcome() {
	}

	/** Classifies an HTTP answer by its status code and the order status in its JSON body. */
	public static String ofResponse(int statusCode, String body, JsonMapper mapper) {
		if (statusCode < 200 || statusCode > 299) {
			return "http_" + statusCode;
		}
		String status;
		try {
			JsonNode order = mapper.readTree(body == null ? "" : body);
			JsonNode node = order == null ? null : order.get("status");
			if (node == null || !node.isString() || node.stringValue().isBlank()) {
				return BAD_RESPONSE;
			}
			status = node.stringValue().trim().toUpperCase(Locale.ROOT);
		}
		catch (JacksonException e) {
			return BAD_RESPONSE;
		}
		switch (status) {
			case "CONFIRMED":
				return CONFIRMED;
			case "REJECTED":
				return REJECTED;
			case "PENDING":
				return PENDING;
			default:
				return "status_" + status.toLowerCase(Locale.ROOT);
		}
	}

	/** Classifies a request that failed without an HTTP answer. */
	public static String ofException(IOException exception) {
		if (exception instanceof HttpConnectTimeoutException || exception instanceof ConnectException) {
			return CONNECT_ERROR;
		}
		if (exception instanceof HttpTimeoutException) {
			return TIMEOUT;
		}
		return IO_ERROR;
	}

	/**
	 * Whether the kind is a failure of the request itself (no answer, an HTTP error, an unreadable
	 * body), as opposed to an order the saga decided: rejected or still pending.
	 */
	public static boolean isError(String kind) {
		return !kind.equals(CONFIRMED) && !kind.equals(REJECTED) && !kind.equals(PENDING)
				&& !kind.startsWith("status_");
	}
}
