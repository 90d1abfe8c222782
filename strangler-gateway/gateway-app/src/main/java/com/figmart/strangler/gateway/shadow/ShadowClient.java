package com.figmart.strangler.gateway.shadow;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;

/**
 * The HTTP client of shadow copies and A/A calls: its own connection pool and its own event-loop thread, so
 * that a slow or failing target ties up neither the connections nor the threads that serve clients.
 *
 * <p>Pooled connections are closed after 20 s idle, before the usual keep-alive of a backend (30 s and more),
 * so a copy never picks a connection the backend is closing.
 */
final class ShadowClient implements DisposableBean {

	/** Marks a copy, so a target can tell it from real traffic (e.g. to skip sending e-mails). */
	static final String SHADOW_HEADER = "X-Figmart-Shadow";

	/** Hop-by-hop headers and those the client sets itself. */
	private static final Set<String> NOT_COPIED = Set.of("connection", "keep-alive", "proxy-authenticate",
			"proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length",
			"expect");

	private final ConnectionProvider connections;

	private final LoopResources loops;

	private final HttpClient http;

	private final Duration timeout;

	private final int maxBodyBytes;

	private final List<String> capturedHeaders;

	ShadowClient(ShadowProperties properties) {
		this.connections = ConnectionProvider.builder("figmart-shadow")
			.maxConnections(properties.maxConnections())
			.pendingAcquireMaxCount(properties.maxInFlight() * 2)
			.pendingAcquireTimeout(properties.timeout())
			.maxIdleTime(Duration.ofSeconds(20))
			.evictInBackground(Duration.ofSeconds(10))
			.build();
		this.loops = LoopResources.create("figmart-shadow", 1, true);
		this.timeout = properties.timeout();
		this.http = HttpClient.create(this.connections)
			.runOn(this.loops)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, this.timeout.toMillis()))
			.responseTimeout(this.timeout)
			.followRedirect(false);
		this.maxBodyBytes = properties.maxBodyBytes();
		this.capturedHeaders = capturedHeaders(properties.headersThatMatter());
	}

	/**
	 * Sends one request and captures the answer; fails on connection errors and after the timeout. Nothing
	 * happens until subscribed.
	 *
	 * @param kind the value of {@value #SHADOW_HEADER}: {@code mirror} or {@code calibration}
	 */
	Mono<CapturedResponse> send(String method, URI uri, HttpHeaders headers, byte[] body, String kind) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			HttpClient client = this.http.headers((out) -> {
				headers.forEach((name, values) -> {
					if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
						out.add(name, values);
					}
				});
				out.set(SHADOW_HEADER, kind);
				if (body.length > 0) {
					out.set("Content-Length", body.length);
				}
			});
			HttpClient.RequestSender request = client.request(HttpMethod.valueOf(method)).uri(uri.toString());
			HttpClient.ResponseReceiver<?> receiver = (body.length > 0)
					? request.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body))) : request;
			return receiver.response((response, content) -> {
				BoundedBytes bytes = new BoundedBytes(this.maxBodyBytes);
				return content.doOnNext(bytes::append)
					.then(Mono.fromSupplier(() -> new CapturedResponse(response.status().code(), pick(response),
							bytes.toByteArray(), bytes.overflowed(), System.nanoTime() - start)));
			}).next();
		}).timeout(this.timeout);
	}

	private Map<String, String> pick(HttpClientResponse response) {
		Map<String, String> picked = new LinkedHashMap<>();
		for (String name : this.capturedHeaders) {
			List<String> values = response.responseHeaders().getAll(name);
			if (!values.isEmpty()) {
				picked.put(name, String.join(", ", values));
			}
		}
		return picked;
	}

	/** The headers that matter, plus Content-Type, which decides how bodies are compared. */
	static List<String> capturedHeaders(List<String> headersThatMatter) {
		Set<String> names = new LinkedHashSet<>();
		names.add("content-type");
		headersThatMatter.forEach((name) -> names.add(name.toLowerCase(Locale.ROOT)));
		return List.copyOf(names);
	}

	/** The captured headers of a response the gateway is writing (the monolith's). */
	static Map<String, String> pick(HttpHeaders headers, List<String> capturedHeaders) {
		Map<String, String> picked = new LinkedHashMap<>();
		for (String name : capturedHeaders) {
			List<String> values = headers.get(name);
			if (values != null && !values.isEmpty()) {
				picked.put(name, String.join(", ", values));
			}
		}
		return picked;
	}

	List<String> capturedHeaders() {
		return this.capturedHeaders;
	}

	@Override
	public void destroy() {
		this.connections.disposeLater().block(Duration.ofSeconds(5));
		this.loops.disposeLater().block(Duration.ofSeconds(5));
	}

}
