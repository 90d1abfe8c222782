package com.figmart.strangler.gateway.edge;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.figmart.strangler.gateway.ClientSubject;
import com.figmart.strangler.gateway.Json;
import com.figmart.strangler.gateway.RouteDecision;

/**
 * Writes one JSON line per request to the logger {@value #LOGGER}, once the response is sent:
 *
 * <pre>{"time":"2026-11-25T10:15:30.123Z","requestId":"...","traceId":"...","method":"GET","path":"/api/catalog/products",
 * "status":200,"latencyMs":3.1,"rule":"catalog-read","mode":"CANARY(10)","servedBy":"catalog-service",
 * "target":"catalog-service","client":"127.0.0.1","subject":"alice","bytes":512}</pre>
 *
 * {@code rule}, {@code mode}, {@code servedBy} and {@code target} come from the {@link RouteDecision} and are
 * {@code null} for requests the rules did not route (the admin API, a refused request). {@code bytes} counts
 * the response body; {@code status} is 499 when the client went away before the answer. It is the outermost
 * filter, so its latency includes everything the gateway did.
 */
final class AccessLogFilter implements WebFilter, Ordered {

	static final String LOGGER = "figmart.access";

	static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!log.isInfoEnabled()) {
			return chain.filter(exchange);
		}
		long start = System.nanoTime();
		CountingResponse response = new CountingResponse(exchange.getResponse());
		ServerWebExchange counted = exchange.mutate().response(response).build();
		return chain.filter(counted).doFinally((signal) -> log.info(line(exchange, response, signal, start)));
	}

	private static String line(ServerWebExchange exchange, CountingResponse response, SignalType signal, long start) {
		double latencyMs = Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
		ServerHttpRequest request = exchange.getRequest();
		HttpStatusCode status = response.getStatusCode();
		int code = (signal == SignalType.CANCEL) ? 499 : ((status != null) ? status.value() : 200);
		RouteDecision decision = RouteDecision.of(exchange);
		InetSocketAddress remote = request.getRemoteAddress();
		StringBuilder json = new StringBuilder(320);
		json.append("{\"time\":\"").append(Instant.now()).append('"');
		field(json, "requestId", RequestCorrelation.requestIdOf(exchange));
		field(json, "traceId", RequestCorrelation.traceIdOf(exchange));
		field(json, "method", request.getMethod().name());
		field(json, "path", request.getPath().value());
		json.append(",\"status\":").append(code);
		json.append(",\"latencyMs\":").append(latencyMs);
		field(json, "rule", (decision != null) ? decision.routeId() : null);
		field(json, "mode", (decision != null) ? decision.mode().toString() : null);
		field(json, "servedBy", (decision != null) ? decision.servedBy() : null);
		field(json, "target", (decision != null) ? decision.newTarget() : null);
		field(json, "client", (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null);
		field(json, "subject", ClientSubject.of(exchange));
		json.append(",\"bytes\":").append(response.bytes.get());
		return json.append('}').toString();
	}

	private static void field(StringBuilder json, String name, String value) {
		json.append(",\"").append(name).append("\":");
		Json.string(json, value);
	}

	/** Counts the bytes of the response body as they are written, leaving the buffers as they are. */
	private static final class CountingResponse extends ServerHttpResponseDecorator {

		final AtomicLong bytes = new AtomicLong();

		CountingResponse(ServerHttpResponse delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			if (body instanceof Mono<? extends DataBuffer> mono) {
				return super.writeWith(mono.doOnNext(this::count));
			}
			return super.writeWith(Flux.from(body).doOnNext(this::count));
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return super.writeAndFlushWith(Flux.from(body).map((part) -> Flux.from(part).doOnNext(this::count)));
		}

		private void count(DataBuffer buffer) {
			this.bytes.addAndGet(buffer.readableByteCount());
		}

	}

}
