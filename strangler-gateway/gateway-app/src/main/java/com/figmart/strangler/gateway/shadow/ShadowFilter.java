package com.figmart.strangler.gateway.shadow;

import java.net.URI;

import com.figmart.strangler.gateway.RouteDecision;
import com.figmart.strangler.rules.Mode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Starts the shadow side of every request that a SHADOW rule leaves to the monolith.
 *
 * <p>Runs at {@link #ORDER}: right after the routing filter (which stored the {@link RouteDecision} and the
 * monolith's URL at {@code RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1}), before the load balancer
 * ({@value ReactiveLoadBalancerClientFilter#LOAD_BALANCER_CLIENT_FILTER_ORDER}) and the routing filters that
 * send the request. A request without a body has its copies sent at once; a request with a body is teed as the
 * monolith reads it, and its copies are sent when the body is complete. The monolith's answer is teed by
 * {@link ShadowResponseTap} on its way to the client, which also sees it end. Neither tee delays or changes a
 * byte for the client.
 */
public final class ShadowFilter implements GlobalFilter, Ordered {

	private static final Log logger = LogFactory.getLog(ShadowFilter.class);

	/** After the routing decision, before anything sends the request. */
	public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 2;

	private final ShadowTraffic traffic;

	ShadowFilter(ShadowTraffic traffic) {
		this.traffic = traffic;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		RouteDecision decision = RouteDecision.of(exchange);
		if (decision == null || decision.mode().kind() != Mode.Kind.SHADOW || !decision.servedByLegacy()
				|| exchange.getAttribute(ShadowResponseTap.TAPPED) == null) {
			// Without the tap (a rule switched to SHADOW while this request was already on its way) the
			// monolith's answer would be missing: no copy for this one.
			return chain.filter(exchange);
		}
		URI routedUrl = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		if (routedUrl == null) {
			return chain.filter(exchange);
		}
		ShadowExchange shadow;
		try {
			shadow = this.traffic.begin(decision, exchange.getRequest(), routedUrl);
		}
		catch (RuntimeException ex) {
			// The shadow side must never fail the client's request.
			logger.warn("Shadow side of rule '" + decision.routeId() + "' could not start", ex);
			return chain.filter(exchange);
		}
		if (shadow == null) {
			return chain.filter(exchange);
		}
		exchange.getAttributes().put(ShadowExchange.ATTRIBUTE, shadow);
		ServerWebExchange next = exchange;
		if (shadow.requestBody != null) {
			next = exchange.mutate().request(teeBody(exchange.getRequest(), shadow)).build();
		}
		else {
			this.traffic.fire(shadow);
		}
		return chain.filter(next);
	}

	private ServerHttpRequest teeBody(ServerHttpRequest request, ShadowExchange shadow) {
		return new ServerHttpRequestDecorator(request) {

			@Override
			public Flux<DataBuffer> getBody() {
				return super.getBody()
					.doOnNext(shadow::captureRequest)
					.doOnComplete(() -> ShadowFilter.this.traffic.fire(shadow));
			}

		};
	}

}
