package com.figmart.strangler.gateway.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Why a call to a new target did not give a usable answer. The {@link #reason()} is the value of the
 * {@code X-Figmart-Fallback} header and of the {@code reason} field of problem bodies.
 */
enum Failure {

	/** The target refused the connection or did not accept it in time: the request was not sent. */
	CONNECT_ERROR("connect-error", true, HttpStatus.SERVICE_UNAVAILABLE, "upstream-unavailable"),

	/** The connection broke after the request was sent, before the response headers came. */
	CONNECTION_CLOSED("connection-closed", true, HttpStatus.BAD_GATEWAY, "upstream-failed"),

	/** Another transport failure. */
	UPSTREAM_ERROR("upstream-error", false, HttpStatus.BAD_GATEWAY, "upstream-failed"),

	/** No response headers within the rule's timeout. */
	TIMEOUT("timeout", true, HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout"),

	/** The target answered with a 5xx status; 502, 503 and 504 are retried, other ones are not. */
	SERVER_ERROR("status", false, HttpStatus.BAD_GATEWAY, "upstream-failed"),

	/** The target's circuit breaker is open: the call was not made. */
	BREAKER_OPEN("breaker-open", false, HttpStatus.SERVICE_UNAVAILABLE, "upstream-unavailable"),

	/** The target already has as many calls in flight as its bulkhead allows: the call was not made. */
	BULKHEAD_FULL("bulkhead-full", false, HttpStatus.SERVICE_UNAVAILABLE, "upstream-unavailable");

	private final String reason;

	private final boolean retryable;

	private final HttpStatus status;

	private final String problemSlug;

	Failure(String reason, boolean retryable, HttpStatus status, String problemSlug) {
		this.reason = reason;
		this.retryable = retryable;
		this.status = status;
		this.problemSlug = problemSlug;
	}

	String reason() {
		return this.reason;
	}

	boolean retryable() {
		return this.retryable;
	}

	HttpStatus status() {
		return this.status;
	}

	/** The last segment of the problem type, under {@link com.figmart.strangler.gateway.Problems#TYPE_PREFIX}. */
	String problemSlug() {
		return this.problemSlug;
	}

	/** The failure a transport error stands for, looking through its causes. */
	static Failure of(Throwable error) {
		for (Throwable t = error; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof TimeoutException) {
				return TIMEOUT;
			}
			if (t instanceof ResponseStatusException ex && ex.getStatusCode().value() == 504) {
				// Spring Cloud Gateway's own response timeout (spring.cloud.gateway...httpclient.response-timeout)
				return TIMEOUT;
			}
			if (t instanceof ConnectException) {
				return CONNECT_ERROR;
			}
			if (t instanceof IOException) {
				// includes Reactor Netty's PrematureCloseException
				return CONNECTION_CLOSED;
			}
		}
		return UPSTREAM_ERROR;
	}

}
