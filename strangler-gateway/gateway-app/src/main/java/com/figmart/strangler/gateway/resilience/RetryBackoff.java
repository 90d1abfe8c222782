package com.figmart.strangler.gateway.resilience;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When a failed call may be sent again, and after which pause: exponential backoff with jitter, for the
 * configured idempotent methods only, within a time budget counted from the start of the request.
 */
final class RetryBackoff {

	private final Set<String> methods;

	private final int maxAttempts;

	private final long initialNanos;

	private final double multiplier;

	private final double jitter;

	private final Duration budget;

	private final DoubleSupplier random;

	private final long maxBodyBytes;

	RetryBackoff(ResilienceProperties.Retry retry) {
		this(retry, () -> ThreadLocalRandom.current().nextDouble());
	}

	RetryBackoff(ResilienceProperties.Retry retry, DoubleSupplier random) {
		this.methods = retry.methods();
		this.maxAttempts = retry.maxAttempts();
		this.initialNanos = retry.initialBackoff().toNanos();
		this.multiplier = retry.multiplier();
		this.jitter = retry.jitter();
		this.budget = retry.budget();
		this.random = random;
		this.maxBodyBytes = retry.maxBodySize().toBytes();
	}

	/**
	 * Whether a request's body may be kept in memory to send it again: no body, or a known length within
	 * {@code max-body-size}.
	 */
	boolean canReplay(long contentLength, boolean chunked) {
		return !chunked && contentLength <= this.maxBodyBytes;
	}

	/** Whether a request with this method may be sent more than once at all. */
	boolean allows(String method) {
		return this.maxAttempts > 1 && this.methods.contains(method.toUpperCase(Locale.ROOT));
	}

	/**
	 * Whether a request of any method may be tried again when its attempt was never sent (the connection was
	 * refused): nothing can have been applied, so even a POST is safe to send to the next instance.
	 */
	boolean allowsUnsent() {
		return this.maxAttempts > 1;
	}

	int maxAttempts() {
		return this.maxAttempts;
	}

	Duration budget() {
		return this.budget;
	}

	/**
	 * The pause before a retry: {@code initial * multiplier^(retry - 1)}, moved up or down by a random share
	 * of at most {@code jitter}.
	 *
	 * @param retry 1 for the first retry (the second call), 2 for the next, ...
	 */
	Duration pauseBefore(int retry) {
		double base = this.initialNanos * Math.pow(this.multiplier, retry - 1);
		double factor = 1 + this.jitter * (2 * this.random.getAsDouble() - 1);
		return Duration.ofNanos((long) Math.max(0, Math.min(base * factor, Long.MAX_VALUE / 2.0)));
	}

}
