package com.figmart.strangler.gateway.shadow;

import com.figmart.strangler.gateway.LiveRules;
import com.figmart.strangler.rules.Mode;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Copies the monolith's answer of shadowed requests as it is written to the client.
 *
 * <p>The body is written by {@link NettyWriteResponseFilter} on the response of the exchange it was given, so
 * a decorator must be in place before it: this filter runs at {@link #ORDER}, one before it, which is before
 * the routing decision. It therefore decorates every response while any rule is in SHADOW mode (and none
 * otherwise), and the decorator only copies when {@link ShadowFilter} has attached a {@link ShadowExchange}
 * to the exchange by the time the body is written. When the exchange ends, it hands the monolith's whole
 * answer to {@link ShadowTraffic}. The copy is a bounded {@code memcpy} of each buffer on its
 * way out.
 */
final class ShadowResponseTap implements GlobalFilter, Ordered {

	/** One before {@link NettyWriteResponseFilter#WRITE_RESPONSE_FILTER_ORDER}, so its writes pass the tap. */
	static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

	/** Set on exchanges whose response is tapped; {@link ShadowFilter} only shadows those. */
	static final String TAPPED = ShadowResponseTap.class.getName() + ".tapped";

	private final LiveRules rules;

	private final ShadowTraffic traffic;

	private volatile ShadowRulesSeen seen = new ShadowRulesSeen(-1, false);

	ShadowResponseTap(LiveRules rules, ShadowTraffic traffic) {
		this.rules = rules;
		this.traffic = traffic;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (!anyShadowRule()) {
			return chain.filter(exchange);
		}
		exchange.getAttributes().put(TAPPED, Boolean.TRUE);
		ServerHttpResponse tapped = new ServerHttpResponseDecorator(exchange.getResponse()) {

			@Override
			public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
				ShadowExchange shadow = exchange.getAttribute(ShadowExchange.ATTRIBUTE);
				return (shadow != null) ? super.writeWith(Flux.from(body).doOnNext(shadow::captureLegacy))
						: super.writeWith(body);
			}

			@Override
			public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
				ShadowExchange shadow = exchange.getAttribute(ShadowExchange.ATTRIBUTE);
				return (shadow != null) ? super.writeAndFlushWith(
						Flux.from(body).map((part) -> Flux.from(part).doOnNext(shadow::captureLegacy)))
						: super.writeAndFlushWith(body);
			}

		};
		// The body is written after the inner filters complete, so only here is the monolith's answer whole.
		return chain.filter(exchange.mutate().response(tapped).build()).doFinally((signal) -> {
			ShadowExchange shadow = exchange.getAttribute(ShadowExchange.ATTRIBUTE);
			if (shadow != null) {
				this.traffic.legacyFinished(shadow, signal, tapped);
			}
		});
	}

	/** Whether a live rule is in SHADOW mode, recomputed only when the rules were replaced. */
	private boolean anyShadowRule() {
		long revision = this.rules.revision();
		ShadowRulesSeen current = this.seen;
		if (current.revision() == revision) {
			return current.any();
		}
		boolean any = this.rules.rules()
			.stream()
			.anyMatch((rule) -> rule.rule().mode().kind() == Mode.Kind.SHADOW);
		this.seen = new ShadowRulesSeen(revision, any);
		return any;
	}

	private record ShadowRulesSeen(long revision, boolean any) {

	}

}
