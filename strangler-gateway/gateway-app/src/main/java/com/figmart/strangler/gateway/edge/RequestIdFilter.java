package com.figmart.strangler.gateway.edge;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an {@code X-Request-Id} and a W3C trace context.
 *
 * <ul>
 *   <li>An incoming {@code X-Request-Id} of 1 to 128 characters {@code [A-Za-z0-9._-]} is kept, anything else
 *       is replaced by a random UUID. The id goes upstream and back to the client.</li>
 *   <li>A valid {@code traceparent} (and its {@code tracestate}) goes upstream unchanged: the gateway records
 *       no spans of its own, so it adds no hop to the trace. Without one, or with an invalid one, the gateway
 *       starts a trace: a new {@code traceparent} with random ids and the sampled flag off (nothing upstream
 *       is asked to record it), and any {@code tracestate} is dropped, as the W3C recommendation asks.</li>
 * </ul>
 */
final class RequestIdFilter implements WebFilter, Ordered {

	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		String incomingId = headers.getFirst(RequestCorrelation.REQUEST_ID_HEADER);
		boolean keepId = isValidRequestId(incomingId) && headers.get(RequestCorrelation.REQUEST_ID_HEADER).size() == 1;
		String requestId = keepId ? incomingId : randomUuid();
		String traceparent = headers.getFirst(RequestCorrelation.TRACEPARENT_HEADER);
		boolean keepTrace = isValidTraceparent(traceparent);
		String traceId;
		if (keepTrace) {
			traceId = traceparent.substring(3, 35);
		}
		else {
			traceId = randomHex(16);
			traceparent = "00-" + traceId + "-" + randomHex(8) + "-00";
		}
		exchange.getAttributes().put(RequestCorrelation.REQUEST_ID_ATTRIBUTE, requestId);
		exchange.getAttributes().put(RequestCorrelation.TRACE_ID_ATTRIBUTE, traceId);
		exchange.getResponse().getHeaders().set(RequestCorrelation.REQUEST_ID_HEADER, requestId);
		exchange.getResponse().beforeCommit(() -> {
			// an error handler may have cleared the headers in between
			exchange.getResponse().getHeaders().set(RequestCorrelation.REQUEST_ID_HEADER, requestId);
			return Mono.empty();
		});
		if (keepId && keepTrace) {
			return chain.filter(exchange);
		}
		String newTraceparent = traceparent;
		ServerHttpRequest request = exchange.getRequest().mutate().headers((mutable) -> {
			mutable.set(RequestCorrelation.REQUEST_ID_HEADER, requestId);
			if (!keepTrace) {
				mutable.set(RequestCorrelation.TRACEPARENT_HEADER, newTraceparent);
				mutable.remove(RequestCorrelation.TRACESTATE_HEADER);
			}
		}).build();
		return chain.filter(exchange.mutate().request(request).build());
	}

	static boolean isValidRequestId(String id) {
		if (id == null || id.isEmpty() || id.length() > 128) {
			return false;
		}
		for (int i = 0; i < id.length(); i++) {
			char ch = id.charAt(i);
			boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.'
					|| ch == '_' || ch == '-';
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	/**
	 * W3C Trace Context level 1: {@code version-traceid-parentid-flags}, lower-case hex, ids not all zero,
	 * version {@code ff} invalid; a version above {@code 00} may carry more fields after a dash.
	 */
	static boolean isValidTraceparent(String value) {
		if (value == null || value.length() < 55) {
			return false;
		}
		if (!isHex(value, 0, 2) || value.startsWith("ff") || value.charAt(2) != '-' || !isHex(value, 3, 35)
				|| value.charAt(35) != '-' || !isHex(value, 36, 52) || value.charAt(52) != '-' || !isHex(value, 53, 55)) {
			return false;
		}
		if (value.startsWith("00") ? value.length() != 55 : (value.length() > 55 && value.charAt(55) != '-')) {
			return false;
		}
		return !isZeros(value, 3, 35) && !isZeros(value, 36, 52);
	}

	private static boolean isHex(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			char ch = text.charAt(i);
			if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isZeros(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			if (text.charAt(i) != '0') {
				return false;
			}
		}
		return true;
	}

	/**
	 * A version 4 UUID from {@link ThreadLocalRandom}: {@link UUID#randomUUID()} draws from one shared
	 * {@code SecureRandom}, a point of contention on every request, and a request id needs no secrecy.
	 */
	static String randomUuid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

	private static String randomHex(int bytes) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] hex = new char[bytes * 2];
		for (int i = 0; i < hex.length; i += 2) {
			int b = random.nextInt(256);
			hex[i] = HEX[b >> 4];
			hex[i + 1] = HEX[b & 0xF];
		}
		String text = new String(hex);
		// all zeros is invalid; one in 2^64 at worst, but cheap to rule out
		return isZeros(text, 0, text.length()) ? randomHex(bytes) : text;
	}

}
