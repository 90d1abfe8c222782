package com.figmart.strangler.gateway.edge;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.figmart.strangler.gateway.ClientSubject;
import com.figmart.strangler.gateway.Problems;

/**
 * Limits each client to a token bucket ({@link TokenBuckets}); a client is the verified subject of its token,
 * else its IP address (the TCP peer, or the forwarded client address when
 * {@code server.forward-headers-strategy} trusts a proxy in front). Every answer tells the client its budget in
 * {@code RateLimit-Limit} and {@code RateLimit-Remaining}; a refused request gets 429 with {@code Retry-After}
 * and never reaches a service.
 *
 * <p>It runs after authentication, which needs the subject. A request with a bad token is refused with 401
 * before it gets here, at the cost of one signature check.
 */
final class RateLimitFilter implements WebFilter, Ordered {

	static final int ORDER = ClientIdentityFilter.ORDER + 10;

	static final String LIMIT_HEADER = "RateLimit-Limit";

	static final String REMAINING_HEADER = "RateLimit-Remaining";

	private final TokenBuckets buckets;

	private final String limit;

	RateLimitFilter(TokenBuckets buckets) {
		this.buckets = buckets;
		this.limit = Integer.toString(buckets.capacity());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String client = clientOf(exchange);
		TokenBuckets.Take take = this.buckets.take(client, System.nanoTime());
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set(LIMIT_HEADER, this.limit);
		headers.set(REMAINING_HEADER, Integer.toString(take.remaining()));
		if (take.allowed()) {
			return chain.filter(exchange);
		}
		long retryAfter = take.retryAfterSeconds();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		Map<String, Object> extra = new LinkedHashMap<>();
		extra.put("client", client);
		extra.put("limit", this.buckets.capacity());
		extra.put("retryAfterSeconds", retryAfter);
		return Problems.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
				"Too many requests from this client; try again in " + retryAfter + " s", extra);
	}

	static String clientOf(ServerWebExchange exchange) {
		String subject = ClientSubject.of(exchange);
		if (subject != null) {
			return "sub:" + subject;
		}
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? "ip:" + remote.getAddress().getHostAddress()
				: "ip:unknown";
	}

}
