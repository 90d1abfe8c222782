package com.figmart.strangler.gateway.resilience;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import com.figmart.strangler.gateway.Problems;
import com.figmart.strangler.gateway.RouteDecision;
import com.figmart.strangler.rules.Mode;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sends each request to the side chosen by the routing filter and protects the gateway from a failing new
 * target: circuit breaker and bulkhead per new target, timeout per rule, retries of idempotent methods
 * (and of any request whose connection was refused, since it was never sent), fallback to the monolith; and counts every request in the {@link TrafficMonitor}.
 *
 * <p>It runs after the routing filter has stored its {@link RouteDecision} and before the load-balancer and
 * routing filters that send the request: everything after this filter in the chain is one call, so a retry
 * or a fallback is a second subscription to the rest of the chain, after
 * {@link ServerWebExchangeUtils#reset(ServerWebExchange)} and the disposal of the failed call's connection.
 * A request that may be sent again gets a replayable body first (cached by
 * {@link ServerWebExchangeUtils#cacheRequestBody}, or none at all when it has none); the others are streamed.
 *
 * <p>The rest of the chain completes when the response headers have arrived (the body is written afterwards
 * by {@code NettyWriteResponseFilter}), so the timeout here is a timeout to the response headers, and a 5xx
 * can still be replaced by a fallback: nothing has been sent to the client yet.
 */
final class EdgeResilienceFilter implements GlobalFilter, Ordered {

	/**
	 * After the routing filter ({@code RouteToRequestUrlFilter} + 1) and room for filters that must see each
	 * request once (e.g. shadow mirroring, which should order itself before this one); before the load-balancer
	 * filter (10150), so that a retry of an {@code lb://} target resolves an instance again.
	 */
	static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 50;

	static final String SERVED_BY_HEADER = "X-Figmart-Served-By";

	static final String FALLBACK_HEADER = "X-Figmart-Fallback";

	private final TargetProtection protection;

	private final TrafficMonitor traffic;

	private final RetryBackoff retries;

	private final Duration defaultTimeout;

	private final Duration waitInOpen;

	EdgeResilienceFilter(TargetProtection protection, TrafficMonitor traffic, RetryBackoff retries,
			ResilienceProperties properties) {
		this.protection = protection;
		this.traffic = traffic;
		this.retries = retries;
		this.defaultTimeout = properties.defaultTimeout();
		this.waitInOpen = properties.breaker().waitInOpen();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		RouteDecision decision = RouteDecision.of(exchange);
		URI requestUrl = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		if (decision == null || requestUrl == null) {
			return chain.filter(exchange);
		}
		if (decision.servedByLegacy()) {
			return toLegacy(exchange, chain, decision.routeId());
		}
		if ("websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())) {
			// the rest of the chain lasts as long as the WebSocket session: no timeout, no retry
			return chain.filter(exchange);
		}
		HttpMethod method = exchange.getRequest().getMethod();
		HttpHeaders headers = exchange.getRequest().getHeaders();
		boolean replayable = this.retries.canReplay(headers.getContentLength(),
				headers.containsHeader(HttpHeaders.TRANSFER_ENCODING));
		boolean retryable = replayable && this.retries.allows(method.name());
		boolean resendableUnsent = replayable && this.retries.allowsUnsent();
		URI legacy = legacyUri(exchange);
		boolean fallback = replayable && legacy != null && mayFallBack(decision, method);
		Request request = new Request(decision, requestUrl, retryable, resendableUnsent, fallback ? legacy : null,
				(decision.policy().timeout() != null) ? decision.policy().timeout() : this.defaultTimeout,
				this.traffic.nanoTime());
		if (!resendableUnsent && !fallback) {
			return toNew(exchange, chain, request);
		}
		return withReplayableBody(exchange, (resendable) -> toNew(resendable, chain, request));
	}

	/**
	 * Only reads fall back: the monolith answering a GET or HEAD the new target failed is safe, answering a
	 * write could apply it twice. A forced side is never second-guessed: whoever forced the new target wants
	 * to see it fail.
	 */
	private static boolean mayFallBack(RouteDecision decision, HttpMethod method) {
		Mode.Kind kind = decision.mode().kind();
		return (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) && decision.policy().fallbackToLegacy()
				&& !decision.forced() && (kind == Mode.Kind.NEW || kind == Mode.Kind.CANARY);
	}

	/** The monolith: the URI of the gateway's catch-all route. */
	private static @Nullable URI legacyUri(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? route.getUri() : null;
	}

	private Mono<Void> toLegacy(ServerWebExchange exchange, GatewayFilterChain chain, String ruleId) {
		long start = this.traffic.nanoTime();
		return chain.filter(exchange)
			.doOnSuccess((done) -> this.traffic.record(ruleId, Side.LEGACY, this.traffic.nanoTime() - start,
					isServerError(exchange.getResponse().getStatusCode())))
			.doOnError((ex) -> this.traffic.record(ruleId, Side.LEGACY, this.traffic.nanoTime() - start, true));
	}

	private Mono<Void> toNew(ServerWebExchange exchange, GatewayFilterChain chain, Request request) {
		// deferred: breaker and bulkhead permissions are taken on subscription, never for a call that is not made
		return Mono.defer(() -> judged(exchange, chain, request)).flatMap((attempt) -> {
			if (attempt.failure == null) {
				return Mono.empty();
			}
			if (request.fallbackUri != null) {
				return fallBack(exchange, chain, request, attempt);
			}
			if (attempt.failure == Failure.SERVER_ERROR) {
				// the new target's own answer: passed on as it is, body included
				return Mono.empty();
			}
			discard(exchange);
			return problem(exchange, request, attempt.failure);
		});
	}

	/**
	 * The breaker judges requests, not attempts: one permission per request, and the outcome of its last attempt.
	 * A read whose first attempt met a dead instance of an {@code lb://} target and whose retry was answered by a
	 * live one is a success, so a dead instance the registry has not evicted yet cannot open the breaker for the
	 * instances that answer.
	 */
	private Mono<Attempt> judged(ServerWebExchange exchange, GatewayFilterChain chain, Request request) {
		CircuitBreaker breaker = this.protection.breaker(request.decision.servedBy());
		if (!breaker.tryAcquirePermission()) {
			this.traffic.recordRefused(request.decision.routeId());
			return Mono.just(new Attempt(Failure.BREAKER_OPEN, 0));
		}
		Verdict verdict = new Verdict(breaker, this.traffic.nanoTime());
		return attempts(exchange, chain, request, 1, request.timeout).doOnNext(verdict::on).doOnCancel(verdict::cancelled);
	}

	private Mono<Attempt> attempts(ServerWebExchange exchange, GatewayFilterChain chain, Request request, int number,
			Duration timeout) {
		return attempt(exchange, chain, request, timeout).flatMap((attempt) -> {
			if (attempt.failure == null || !request.mayRetry(attempt) || number >= this.retries.maxAttempts()) {
				return Mono.just(attempt);
			}
			Duration pause = this.retries.pauseBefore(number);
			Duration elapsed = Duration.ofNanos(this.traffic.nanoTime() - request.startNanos);
			Duration left = this.retries.budget().minus(elapsed).minus(pause);
			if (left.toMillis() < 1) {
				return Mono.just(attempt);
			}
			discard(exchange);
			// back to the URL before this filter: an lb:// target is resolved again by the load balancer
			exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, request.url);
			Duration nextTimeout = (left.compareTo(request.timeout) < 0) ? left : request.timeout;
			return Mono.delay(pause).then(Mono.defer(() -> attempts(exchange, chain, request, number + 1, nextTimeout)));
		});
	}

	private Mono<Attempt> attempt(ServerWebExchange exchange, GatewayFilterChain chain, Request request,
			Duration timeout) {
		String ruleId = request.decision.routeId();
		Bulkhead bulkhead = this.protection.bulkhead(request.decision.servedBy());
		if (!bulkhead.tryAcquirePermission()) {
			this.traffic.recordRefused(ruleId);
			return Mono.just(new Attempt(Failure.BULKHEAD_FULL, 0));
		}
		Call call = new Call(ruleId, bulkhead, this.traffic.nanoTime());
		return Mono.defer(() -> chain.filter(exchange))
			.timeout(timeout)
			.then(Mono.fromCallable(() -> call.answered(exchange.getResponse().getStatusCode())))
			.onErrorResume((ex) -> Mono.just(call.failed(ex)))
			.doOnCancel(call::cancelled);
	}

	private Mono<Void> fallBack(ServerWebExchange exchange, GatewayFilterChain chain, Request request,
			Attempt attempt) {
		discard(exchange);
		URI legacy = request.fallbackUri;
		URI url = UriComponentsBuilder.fromUri(request.url)
			.scheme(legacy.getScheme())
			.host(legacy.getHost())
			.port(legacy.getPort())
			.build(ServerWebExchangeUtils.containsEncodedParts(request.url))
			.toUri();
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, url);
		exchange.getAttributes().put(RouteDecision.ATTRIBUTE, request.decision.toLegacy(legacy));
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set(SERVED_BY_HEADER, "legacy");
		headers.set(FALLBACK_HEADER, attempt.reason());
		return toLegacy(exchange, chain, request.decision.routeId());
	}

	/**
	 * Forgets a failed call: reads and releases the rest of its response (a 5xx body nobody will see), so that
	 * no buffer leaks and the connection can go back to the pool, and undoes what the routing filter wrote into
	 * the exchange, so the chain can run again.
	 */
	private static void discard(ServerWebExchange exchange) {
		Connection connection = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
		if (connection != null) {
			connection.inbound().receive().subscribe(null, (ex) -> connection.dispose());
		}
		exchange.getAttributes().remove(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
		exchange.getAttributes().remove(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR);
		ServerWebExchangeUtils.reset(exchange);
		exchange.getResponse().setStatusCode(null);
	}

	private Mono<Void> problem(ServerWebExchange exchange, Request request, Failure failure) {
		ServerHttpResponse response = exchange.getResponse();
		if (failure == Failure.BREAKER_OPEN) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, this.waitInOpen.toSeconds())));
		}
		else if (failure == Failure.BULKHEAD_FULL) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
		}
		String target = request.decision.servedBy();
		Map<String, String> extra = new LinkedHashMap<>();
		extra.put("rule", request.decision.routeId());
		extra.put("target", target);
		extra.put("reason", failure.reason());
		return Problems.write(response, failure.status(), failure.problemSlug(), detail(failure, target, request),
				extra);
	}

	private static String detail(Failure failure, String target, Request request) {
		switch (failure) {
			case CONNECT_ERROR:
				return "the new target '" + target + "' did not accept the connection";
			case CONNECTION_CLOSED:
				return "the new target '" + target + "' closed the connection before answering";
			case TIMEOUT:
				return "the new target '" + target + "' sent no response headers within " + request.timeout.toMillis()
						+ " ms";
			case BREAKER_OPEN:
				return "the circuit breaker of the new target '" + target + "' is open after too many failures";
			case BULKHEAD_FULL:
				return "the new target '" + target + "' already has as many calls in flight as allowed";
			default:
				return "the call to the new target '" + target + "' failed";
		}
	}

	private static boolean isServerError(@Nullable HttpStatusCode status) {
		return status != null && status.is5xxServerError();
	}

	/**
	 * Runs {@code then} with a request whose body can be subscribed to more than once: none at all for a
	 * request without one (the common GET), else the body read into memory once.
	 */
	private static Mono<Void> withReplayableBody(ServerWebExchange exchange,
			Function<ServerWebExchange, Mono<Void>> then) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = request.getHeaders();
		if (headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			ServerHttpRequest bodiless = new ServerHttpRequestDecorator(request) {

				@Override
				public Flux<DataBuffer> getBody() {
					return Flux.empty();
				}

			};
			return then.apply(exchange.mutate().request(bodiless).build());
		}
		return ServerWebExchangeUtils.cacheRequestBody(exchange,
				(cached) -> then.apply(exchange.mutate().request(cached).build()));
	}

	/** What this filter knows of one request to a new target. */
	private record Request(RouteDecision decision, URI url, boolean retryable, boolean resendableUnsent,
			@Nullable URI fallbackUri, Duration timeout, long startNanos) {

		/** A refused connection sent nothing, so any method may go again; other failures only an idempotent one. */
		boolean mayRetry(Attempt failed) {
			if (failed.failure == Failure.CONNECT_ERROR) {
				return this.resendableUnsent;
			}
			return this.retryable && failed.retryable();
		}

	}

	/** How one call ended: {@code failure} is null for a usable answer. */
	private record Attempt(@Nullable Failure failure, int status) {

		boolean retryable() {
			if (this.failure == Failure.SERVER_ERROR) {
				return this.status == 502 || this.status == 503 || this.status == 504;
			}
			return this.failure != null && this.failure.retryable();
		}

		String reason() {
			return (this.failure == Failure.SERVER_ERROR) ? "status-" + this.status : this.failure.reason();
		}

	}

	/**
	 * One attempt holding a bulkhead slot: it gives the slot back exactly once, whether it ends with an answer, an
	 * error or a cancellation (the client went away, or a timeout), and records the attempt's traffic.
	 */
	private final class Call {

		private final String ruleId;

		private final Bulkhead bulkhead;

		private final long start;

		private final AtomicBoolean over = new AtomicBoolean();

		Call(String ruleId, Bulkhead bulkhead, long start) {
			this.ruleId = ruleId;
			this.bulkhead = bulkhead;
			this.start = start;
		}

		Attempt answered(@Nullable HttpStatusCode status) {
			long elapsed = traffic.nanoTime() - this.start;
			if (!this.over.compareAndSet(false, true)) {
				return new Attempt(null, 0);
			}
			this.bulkhead.onComplete();
			int code = (status != null) ? status.value() : 0;
			boolean serverError = isServerError(status);
			traffic.record(this.ruleId, Side.NEW, elapsed, serverError);
			return new Attempt(serverError ? Failure.SERVER_ERROR : null, code);
		}

		Attempt failed(Throwable error) {
			long elapsed = traffic.nanoTime() - this.start;
			if (this.over.compareAndSet(false, true)) {
				this.bulkhead.onComplete();
				traffic.record(this.ruleId, Side.NEW, elapsed, true);
			}
			return new Attempt(Failure.of(error), 0);
		}

		void cancelled() {
			if (this.over.compareAndSet(false, true)) {
				this.bulkhead.onComplete();
			}
		}

	}

	/** One request's breaker permission, given back exactly once with the outcome of the request's last attempt. */
	private final class Verdict {

		private final CircuitBreaker breaker;

		private final long start;

		private final AtomicBoolean over = new AtomicBoolean();

		Verdict(CircuitBreaker breaker, long start) {
			this.breaker = breaker;
			this.start = start;
		}

		void on(Attempt last) {
			if (!this.over.compareAndSet(false, true)) {
				return;
			}
			long elapsed = traffic.nanoTime() - this.start;
			if (last.failure == null) {
				this.breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
			}
			else if (last.failure == Failure.BULKHEAD_FULL) {
				// the gateway's own limit, not the target's failure
				this.breaker.releasePermission();
			}
			else {
				this.breaker.onError(elapsed, TimeUnit.NANOSECONDS, new UpstreamFailure(last.reason()));
			}
		}

		void cancelled() {
			if (this.over.compareAndSet(false, true)) {
				this.breaker.releasePermission();
			}
		}

	}

	/** A failed request as the circuit breaker records it: a 5xx answer, a timeout, a refused connection. */
	static final class UpstreamFailure extends RuntimeException {

		UpstreamFailure(String reason) {
			super(reason, null, false, false);
		}

	}

}
