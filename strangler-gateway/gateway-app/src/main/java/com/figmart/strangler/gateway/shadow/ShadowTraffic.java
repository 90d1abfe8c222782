package com.figmart.strangler.gateway.shadow;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.figmart.strangler.gateway.RouteDecision;
import com.figmart.strangler.gateway.shadow.JsonComparison.Difference;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.SignalType;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Runs shadow traffic off the client's path: admits a copy (or drops it when {@code max-in-flight} copies are
 * already out), sends the copies with the {@link ShadowClient}, and compares on a single thread with a bounded
 * queue, recording the outcome in {@link ShadowReports}. Nothing here ever fails or delays the client's
 * request: every failure of the shadow side becomes a count.
 */
final class ShadowTraffic implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ShadowTraffic.class);

	/** Methods that may be copied without the rule's explicit consent, and the only ones sent twice for A/A. */
	static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private final ShadowProperties properties;

	private final ShadowClient client;

	private final ShadowTargets targets;

	private final ResponseComparison comparison;

	private final ShadowReports reports;

	private final Semaphore inFlight;

	private final ThreadPoolExecutor comparing;

	ShadowTraffic(ShadowProperties properties, ShadowClient client, ShadowTargets targets, ShadowReports reports) {
		this.properties = properties;
		this.client = client;
		this.targets = targets;
		this.comparison = new ResponseComparison(properties.headersThatMatter());
		this.reports = reports;
		this.inFlight = new Semaphore(properties.maxInFlight());
		this.comparing = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(properties.compareQueue()), (runnable) -> {
					Thread thread = new Thread(runnable, "figmart-shadow-compare");
					thread.setDaemon(true);
					return thread;
				}, new ThreadPoolExecutor.AbortPolicy());
	}

	/**
	 * Starts the shadow side of a request on a SHADOW rule, or counts why it has none.
	 *
	 * @param routedUrl where the monolith is being asked: the request's path and query on the monolith
	 * @return the shadow exchange, or {@code null} when no copy is sent
	 */
	@Nullable ShadowExchange begin(RouteDecision decision, ServerHttpRequest request, URI routedUrl) {
		RuleShadowStats stats = this.reports.of(decision.routeId());
		String method = request.getMethod().name().toUpperCase(Locale.ROOT);
		boolean safe = SAFE_METHODS.contains(method);
		if (!safe && !decision.policy().shadow().mirrorUnsafeMethods()) {
			stats.ignored(IgnoreReason.UNSAFE_METHOD);
			return null;
		}
		ShadowTargets.Resolution newTarget = this.targets.resolve(decision.newTargetUri());
		if (newTarget.notSent() != null) {
			stats.ignored(newTarget.notSent());
			return null;
		}
		HttpHeaders headers = request.getHeaders();
		long length = headers.getContentLength();
		if (length > this.properties.maxBodyBytes()) {
			stats.ignored(IgnoreReason.REQUEST_TOO_LARGE);
			return null;
		}
		if (!this.inFlight.tryAcquire()) {
			stats.dropped();
			return null;
		}
		boolean calibrate = safe && isHttp(routedUrl) && this.properties.calibrationRate() > 0
				&& ThreadLocalRandom.current().nextDouble() < this.properties.calibrationRate()
				&& this.inFlight.tryAcquire();
		boolean hasBody = length > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
		URI newUri = withAuthorityOf(routedUrl, newTarget.uri());
		String pathAndQuery = routedUrl.getRawPath()
				+ ((routedUrl.getRawQuery() != null) ? "?" + routedUrl.getRawQuery() : "");
		return new ShadowExchange(decision.routeId(), decision.policy().shadow(), stats, method, pathAndQuery,
				routedUrl, newUri, HttpHeaders.copyOf(headers), calibrate, hasBody, this.properties.maxBodyBytes());
	}

	/** Sends the copies, once the request body (if any) is complete. Never throws. */
	void fire(ShadowExchange shadow) {
		if (!shadow.fired.compareAndSet(false, true)) {
			return;
		}
		int[] sent = new int[1];
		try {
			send(shadow, sent);
		}
		catch (RuntimeException ex) {
			logger.warn("Shadow copy of rule '" + shadow.ruleId + "' could not be sent", ex);
			shadow.mirrorError = ex;
			// Stand in for the answers of the copies that were not sent, so the exchange still completes.
			for (int i = sent[0]; i < (shadow.calibrate ? 2 : 1); i++) {
				arrive(shadow);
			}
		}
	}

	/** Counts in {@code sent} the copies whose answer will arrive (or that have arrived already). */
	private void send(ShadowExchange shadow, int[] sent) {
		if (shadow.requestOverflowed()) {
			shadow.requestTooLarge = true;
			sent[0] = 2;
			arrive(shadow);
			if (shadow.calibrate) {
				arrive(shadow);
			}
			return;
		}
		byte[] body = shadow.requestBytes();
		sent[0]++;
		this.client.send(shadow.method, shadow.newUri, shadow.requestHeaders, body, "mirror").subscribe((answer) -> {
			shadow.mirror = answer;
			arrive(shadow);
		}, (error) -> {
			shadow.mirrorError = error;
			arrive(shadow);
		}, () -> {
			if (shadow.mirror == null && shadow.mirrorError == null) {
				shadow.mirrorError = new IllegalStateException("no response");
				arrive(shadow);
			}
		});
		if (shadow.calibrate) {
			sent[0]++;
			this.client.send(shadow.method, shadow.legacyUri, shadow.requestHeaders, body, "calibration")
				.subscribe((answer) -> {
					shadow.calibration = answer;
					arrive(shadow);
				}, (error) -> arrive(shadow), () -> {
					if (shadow.calibration == null) {
						arrive(shadow);
					}
				});
		}
	}

	/**
	 * Records the monolith's answer once the client has been answered (or the exchange ended otherwise). Never
	 * throws.
	 */
	void legacyFinished(ShadowExchange shadow, SignalType signal, ServerHttpResponse response) {
		try {
			HttpStatusCode status = response.getStatusCode();
			boolean whole = signal == SignalType.ON_COMPLETE
					|| (signal == SignalType.CANCEL && wholeBodyWritten(shadow, response));
			if (whole && status != null) {
				shadow.legacy = new CapturedResponse(status.value(),
						ShadowClient.pick(response.getHeaders(), this.client.capturedHeaders()),
						shadow.legacyBody.toByteArray(), shadow.legacyBody.overflowed(),
						System.nanoTime() - shadow.startNanos);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Shadow side of rule '" + shadow.ruleId + "' could not capture the monolith's answer", ex);
		}
		if (shadow.fired.compareAndSet(false, true)) {
			// The monolith finished without reading the whole request body (an error, or it answered early):
			// nothing was sent, so nothing else will arrive.
			shadow.stats.ignored(shadow.requestOverflowed() ? IgnoreReason.REQUEST_TOO_LARGE
					: IgnoreReason.LEGACY_INCOMPLETE);
			this.inFlight.release(shadow.permits());
			return;
		}
		arrive(shadow);
	}

	/**
	 * A client that closes its connection as soon as it has read the body (curl, a client without a connection
	 * pool) can cancel the exchange before the server sees its write complete; the answer was whole all the same
	 * when every byte its {@code Content-Length} announced was written.
	 */
	private static boolean wholeBodyWritten(ShadowExchange shadow, ServerHttpResponse response) {
		long announced = response.getHeaders().getContentLength();
		return announced >= 0 && !shadow.legacyBody.overflowed() && shadow.legacyBody.toByteArray().length == announced;
	}

	private void arrive(ShadowExchange shadow) {
		if (shadow.pending.decrementAndGet() != 0) {
			return;
		}
		try {
			this.comparing.execute(() -> complete(shadow));
		}
		catch (RejectedExecutionException ex) {
			shadow.stats.dropped();
			this.inFlight.release(shadow.permits());
		}
	}

	private void complete(ShadowExchange shadow) {
		try {
			record(shadow);
		}
		catch (RuntimeException ex) {
			logger.warn("Shadow comparison of rule '" + shadow.ruleId + "' failed", ex);
			shadow.stats.error();
		}
		finally {
			this.inFlight.release(shadow.permits());
		}
	}

	private void record(ShadowExchange shadow) {
		CapturedResponse legacy = shadow.legacy;
		CapturedResponse mirror = shadow.mirror;
		RuleShadowStats stats = shadow.stats;
		if (shadow.requestTooLarge) {
			stats.ignored(IgnoreReason.REQUEST_TOO_LARGE);
			return;
		}
		if (legacy == null) {
			stats.ignored(IgnoreReason.LEGACY_INCOMPLETE);
			return;
		}
		calibrate(shadow, legacy);
		if (mirror == null) {
			if (logger.isDebugEnabled()) {
				logger.debug("Shadow copy of rule '" + shadow.ruleId + "' failed: " + shadow.mirrorError);
			}
			stats.error();
			return;
		}
		if (legacy.truncated() || mirror.truncated()) {
			stats.ignored(IgnoreReason.RESPONSE_TOO_LARGE);
			return;
		}
		List<Difference> differences = this.comparison.compare(shadow.policy, legacy, mirror);
		stats.compared(differences.isEmpty() ? null : mismatch(shadow, false, legacy, mirror, differences),
				legacy.nanos(), mirror.nanos());
	}

	private void calibrate(ShadowExchange shadow, CapturedResponse legacy) {
		CapturedResponse again = shadow.calibration;
		if (again == null || legacy.truncated() || again.truncated()) {
			return;
		}
		List<Difference> differences = this.comparison.compare(shadow.policy, legacy, again);
		shadow.stats.calibrated(differences.isEmpty() ? null : mismatch(shadow, true, legacy, again, differences),
				differences.stream().map(Difference::pattern).distinct().toList());
	}

	private ShadowMismatch mismatch(ShadowExchange shadow, boolean calibration, CapturedResponse legacy,
			CapturedResponse other, List<Difference> differences) {
		int shown = this.properties.shownBodyChars();
		return new ShadowMismatch(this.reports.clock().instant(), shadow.method, shadow.pathAndQuery, calibration,
				legacy.status(), other.status(), differences.stream().map(Difference::toString).toList(),
				legacy.bodyText(shown), other.bodyText(shown));
	}

	/** How many copies are out right now (sent or being compared). */
	int inFlight() {
		return this.properties.maxInFlight() - this.inFlight.availablePermits();
	}

	private static boolean isHttp(URI uri) {
		String scheme = uri.getScheme();
		return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
	}

	/** The routed URL with the scheme, host and port of the new target: raw path and query kept as they are. */
	private static URI withAuthorityOf(URI routed, URI target) {
		try {
			return new URI(target.getScheme() + "://" + target.getRawAuthority() + routed.getRawPath()
					+ ((routed.getRawQuery() != null) ? "?" + routed.getRawQuery() : ""));
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("cannot point " + routed + " at " + target, ex);
		}
	}

	@Override
	public void destroy() {
		this.comparing.shutdownNow();
	}

}
