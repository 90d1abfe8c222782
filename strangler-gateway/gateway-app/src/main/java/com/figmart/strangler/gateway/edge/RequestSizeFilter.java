package com.figmart.strangler.gateway.edge;

import java.util.Map;

import com.figmart.strangler.gateway.Problems;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses request bodies larger than {@code figmart.gateway.max-request-size} with 413, so that no service
 * behind the gateway has to defend itself against them, and no service ever sees part of a refused request.
 *
 * <ul>
 *   <li>With a {@code Content-Length} above the limit the request is refused before its body is read. With one
 *       within the limit the body is streamed: the HTTP server never reads past the announced length.</li>
 *   <li>A chunked body has no length up front. It is read into memory up to the limit (so at most the limit
 *       per request, and only for chunked requests) and forwarded with a {@code Content-Length} only once it
 *       is complete; the moment it grows past the limit the request is refused.</li>
 * </ul>
 */
final class RequestSizeFilter implements WebFilter, Ordered {

	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	private final int maxBytes;

	RequestSizeFilter(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = request.getHeaders();
		long length = headers.getContentLength();
		if (length > this.maxBytes) {
			return tooLarge(exchange, "The request body of " + length + " bytes is larger than the limit of "
					+ this.maxBytes + " bytes");
		}
		if (length >= 0 || !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			return chain.filter(exchange);
		}
		return DataBufferUtils.join(request.getBody(), this.maxBytes)
			.map(RequestSizeFilter::toBytes)
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> chain.filter(exchange.mutate()
				.request(buffered(request, body, exchange.getResponse().bufferFactory()))
				.build()))
			.onErrorResume(DataBufferLimitException.class, (ex) -> tooLarge(exchange,
					"The chunked request body grew larger than the limit of " + this.maxBytes + " bytes"));
	}

	private static byte[] toBytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/**
	 * The request with its body in memory: a heap copy that can be subscribed to again (a retry) and needs no
	 * release if nobody reads it (a request refused further on).
	 */
	private static ServerHttpRequest buffered(ServerHttpRequest request, byte[] body, DataBufferFactory factory) {
		ServerHttpRequest withLength = request.mutate().headers((headers) -> {
			headers.remove(HttpHeaders.TRANSFER_ENCODING);
			headers.setContentLength(body.length);
		}).build();
		return new ServerHttpRequestDecorator(withLength) {

			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(factory.wrap(body)));
			}

		};
	}

	private Mono<Void> tooLarge(ServerWebExchange exchange, String detail) {
		return Problems.write(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE, "request-too-large", detail,
				Map.of("maxBytes", this.maxBytes));
	}

}
