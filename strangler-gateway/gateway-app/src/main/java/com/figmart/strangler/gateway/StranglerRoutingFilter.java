package com.figmart.strangler.gateway;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Chooses the destination of every request of the catch-all route.
 *
 * <p>Spring Cloud Gateway matches route predicates one by one, so one route per rule would make every
 * request cost O(rules). Instead there is a single route (to the monolith) and this filter looks the request
 * up once in the rule index. It runs right after {@link RouteToRequestUrlFilter} (order
 * {@value RouteToRequestUrlFilter#ROUTE_TO_URL_FILTER_ORDER}), which has stored the outgoing URL — the
 * route's scheme, host and port plus the request's raw path and query — under
 * {@link ServerWebExchangeUtils#GATEWAY_REQUEST_URL_ATTR}. This filter replaces scheme, host and port of that
 * URL with the chosen target and keeps the path and query byte for byte (already-encoded parts are not
 * encoded again). It runs before the load-balancer filter (order 10150), so an {@code lb://} target will be
 * resolved like any {@code lb://} route, and before the routing filters that send the request.
 *
 * <p>The decision is shown in the {@code X-Figmart-Route} and {@code X-Figmart-Served-By} response headers.
 * The {@code X-Figmart-Target} control header is not forwarded.
 *
 * <p>Unsafe requests of a rule held by {@link WriteHolds} wait here, before the decision, and are decided when the
 * hold ends: a write cutover changes the rule's mode in the same step as it releases the hold.
 */
final class StranglerRoutingFilter implements GlobalFilter, Ordered {

	static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

	static final String ROUTE_HEADER = "X-Figmart-Route";

	static final String SERVED_BY_HEADER = "X-Figmart-Served-By";

	/** On a write that was held: how long it waited, in milliseconds. */
	static final String HELD_HEADER = "X-Figmart-Write-Held";

	private final RouteDecider decider;

	private final StickyKeys stickyKeys;

	private final WriteHolds writeHolds;

	StranglerRoutingFilter(RouteDecider decider, StickyKeys stickyKeys, WriteHolds writeHolds) {
		this.decider = decider;
		this.stickyKeys = stickyKeys;
		this.writeHolds = writeHolds;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		URI requestUrl = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		if (route == null || !RoutingConfiguration.ROUTE_ID.equals(route.getId()) || requestUrl == null) {
			// Only the catch-all route is steered by the rules; any other route keeps its own URI.
			return chain.filter(exchange);
		}
		ServerHttpRequest request = exchange.getRequest();
		ForcedSide forced;
		try {
			forced = ForcedSide.parse(request.getHeaders().getFirst(ForcedSide.HEADER));
		}
		catch (IllegalArgumentException ex) {
			return Problems.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, "invalid-header", ex.getMessage(),
					Map.of("header", ForcedSide.HEADER));
		}
		return route(exchange, chain, requestUrl, forced, System.nanoTime());
	}

	/**
	 * Routes the request by the rules in effect now; an unsafe request of a held rule waits for the hold to end
	 * and is then routed again, by the rules in effect at that moment (a cutover changes the mode as it releases).
	 */
	private Mono<Void> route(ServerWebExchange exchange, GatewayFilterChain chain, URI requestUrl, ForcedSide forced,
			long arrivedNanos) {
		ServerHttpRequest request = exchange.getRequest();
		String method = request.getMethod().name();
		RouteDecision decision = decider.decide(method, request.getURI().getRawPath(), forced,
				() -> stickyKeys.keyOf(exchange));
		if (!decision.matchedRule() || !WriteHolds.holds(method)) {
			return forward(exchange, chain, requestUrl, forced, decision);
		}
		String ruleId = decision.routeId();
		writeHolds.started(ruleId);
		if (!writeHolds.isHeld(ruleId)) {
			return forward(exchange, chain, requestUrl, forced, decision)
				.doFinally((signal) -> writeHolds.finished(ruleId));
		}
		writeHolds.finished(ruleId);
		return writeHolds.released(ruleId)
			.then(Mono.defer(() -> {
				long heldMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - arrivedNanos);
				exchange.getResponse().getHeaders().set(HELD_HEADER, Long.toString(heldMillis));
				return route(exchange, chain, requestUrl, forced, arrivedNanos);
			}))
			.onErrorResume(WriteHolds.TooManyWaiting.class, (ex) -> {
				exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()));
				return Problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, "write-hold-full",
						ex.getMessage() + "; retry when the hold has ended",
						Map.of("rule", ex.ruleId(), "maxWaiting", ex.limit()));
			});
	}

	private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, URI requestUrl,
			ForcedSide forced, RouteDecision decision) {
		ServerHttpRequest request = exchange.getRequest();
		boolean encoded = ServerWebExchangeUtils.containsEncodedParts(requestUrl);
		URI target = decision.uri();
		URI routed = UriComponentsBuilder.fromUri(requestUrl)
			.scheme(target.getScheme())
			.host(target.getHost())
			.port(target.getPort())
			.build(encoded)
			.toUri();
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, routed);
		exchange.getAttributes().put(RouteDecision.ATTRIBUTE, decision);

		HttpHeaders responseHeaders = exchange.getResponse().getHeaders();
		responseHeaders.set(ROUTE_HEADER, decision.routeId());
		responseHeaders.set(SERVED_BY_HEADER, decision.servedBy());

		if (forced == ForcedSide.NONE && !request.getHeaders().containsHeader(ForcedSide.HEADER)) {
			return chain.filter(exchange);
		}
		ServerHttpRequest stripped = request.mutate().headers((headers) -> headers.remove(ForcedSide.HEADER)).build();
		return chain.filter(exchange.mutate().request(stripped).build());
	}

}
