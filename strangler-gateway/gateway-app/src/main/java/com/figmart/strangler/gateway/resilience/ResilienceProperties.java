package com.figmart.strangler.gateway.resilience;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code figmart.gateway.resilience}.
 *
 * @param defaultTimeout how long a new target may take to send its response headers when the rule sets no
 *     timeout of its own
 * @param statsWindow the sliding window of the figures shown by {@link TrafficMonitor#traffic(String)}
 * @param statsHistory how far back the figures are kept; a guard window longer than this is cut to it
 * @param guardInterval how often the guards look at the figures
 * @param breaker the circuit breaker of every new target
 * @param bulkhead the bulkhead of every new target
 * @param retry the retries of idempotent requests to a new target
 */
@ConfigurationProperties("figmart.gateway.resilience")
public record ResilienceProperties(@DefaultValue("5s") Duration defaultTimeout,
		@DefaultValue("10s") Duration statsWindow, @DefaultValue("60s") Duration statsHistory,
		@DefaultValue("500ms") Duration guardInterval, @DefaultValue Breaker breaker, @DefaultValue Bulkhead bulkhead,
		@DefaultValue Retry retry) {

	public ResilienceProperties {
		positive("default-timeout", defaultTimeout);
		atLeastOneSecond("stats-window", statsWindow);
		atLeastOneSecond("stats-history", statsHistory);
		positive("guard-interval", guardInterval);
		if (statsHistory.compareTo(statsWindow) < 0) {
			throw new IllegalArgumentException("figmart.gateway.resilience.stats-history (" + statsHistory
					+ ") must not be shorter than stats-window (" + statsWindow + ")");
		}
	}

	/**
	 * The circuit breaker of each new target (Resilience4j, time-based sliding window).
	 *
	 * @param failureRateThreshold the failure percentage (1..100) over the window that opens the breaker
	 * @param window the sliding window the failure rate is computed over (whole seconds)
	 * @param minimumCalls the fewest calls in the window before the failure rate counts
	 * @param waitInOpen how long the breaker stays open before it lets trial calls through
	 * @param halfOpenCalls how many trial calls decide between closing and opening again
	 */
	public record Breaker(@DefaultValue("50") float failureRateThreshold, @DefaultValue("10s") Duration window,
			@DefaultValue("10") int minimumCalls, @DefaultValue("10s") Duration waitInOpen,
			@DefaultValue("3") int halfOpenCalls) {

		public Breaker {
			if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
				throw new IllegalArgumentException(
						"figmart.gateway.resilience.breaker.failure-rate-threshold must be in (0, 100], was "
								+ failureRateThreshold);
			}
			atLeastOneSecond("breaker.window", window);
			atLeastOne("breaker.minimum-calls", minimumCalls);
			positive("breaker.wait-in-open", waitInOpen);
			atLeastOne("breaker.half-open-calls", halfOpenCalls);
		}

	}

	/**
	 * The bulkhead of each new target: a cap on concurrent calls, so one slow target cannot hold every
	 * connection and thread of the gateway; a call over the cap is refused at once, never queued.
	 *
	 * @param maxConcurrentCalls the most calls in flight to one new target
	 */
	public record Bulkhead(@DefaultValue("200") int maxConcurrentCalls) {

		public Bulkhead {
			atLeastOne("bulkhead.max-concurrent-calls", maxConcurrentCalls);
		}

	}

	/**
	 * Retries of a failed call to a new target (connection refused or closed, timeout, 502, 503, 504).
	 *
	 * @param methods the methods that may be sent more than once; POST and PATCH are refused, since they
	 *     are not idempotent; PUT and DELETE may be added when every new target implements them idempotently.
	 *     A request of any method whose connection was refused was never sent, and is sent again regardless
	 * @param maxAttempts the most calls per request, the first included; 1 turns retries off
	 * @param initialBackoff the pause before the first retry
	 * @param multiplier the factor of each next pause
	 * @param jitter the random share (0..1) a pause may vary by, so that clients failing together do not
	 *     retry together
	 * @param budget the longest time, from the start of the request, at which a retry may still start; a
	 *     retry never gets longer than what is left of it
	 * @param maxBodySize the largest request body kept in memory so that the request can be sent again (to
	 *     retry, or to fall back); a request with a larger body, or a body of unknown length, is sent once
	 *     and streamed
	 */
	public record Retry(@DefaultValue({ "GET", "HEAD", "OPTIONS" }) Set<String> methods,
			@DefaultValue("3") int maxAttempts, @DefaultValue("50ms") Duration initialBackoff,
			@DefaultValue("2") double multiplier, @DefaultValue("0.5") double jitter,
			@DefaultValue("2s") Duration budget, @DefaultValue("1MB") DataSize maxBodySize) {

		private static final Set<String> NEVER_RETRIED = Set.of("POST", "PATCH", "CONNECT");

		public Retry {
			Set<String> normalized = new TreeSet<>();
			for (String method : methods) {
				String name = method.strip().toUpperCase(Locale.ROOT);
				if (NEVER_RETRIED.contains(name)) {
					throw new IllegalArgumentException("figmart.gateway.resilience.retry.methods must not contain "
							+ name + ": it is not idempotent and would be sent twice");
				}
				normalized.add(name);
			}
			methods = Set.copyOf(normalized);
			atLeastOne("retry.max-attempts", maxAttempts);
			if (initialBackoff.isNegative()) {
				throw new IllegalArgumentException(
						"figmart.gateway.resilience.retry.initial-backoff must not be negative, was " + initialBackoff);
			}
			if (multiplier < 1) {
				throw new IllegalArgumentException(
						"figmart.gateway.resilience.retry.multiplier must be at least 1, was " + multiplier);
			}
			if (jitter < 0 || jitter > 1) {
				throw new IllegalArgumentException(
						"figmart.gateway.resilience.retry.jitter must be between 0 and 1, was " + jitter);
			}
			positive("retry.budget", budget);
			if (maxBodySize.isNegative()) {
				throw new IllegalArgumentException(
						"figmart.gateway.resilience.retry.max-body-size must not be negative, was " + maxBodySize);
			}
		}

	}

	private static void positive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("figmart.gateway.resilience." + name + " must be positive, was " + value);
		}
	}

	private static void atLeastOneSecond(String name, Duration value) {
		if (value == null || value.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(
					"figmart.gateway.resilience." + name + " must be at least 1s, was " + value);
		}
	}

	private static void atLeastOne(String name, int value) {
		if (value < 1) {
			throw new IllegalArgumentException("figmart.gateway.resilience." + name + " must be at least 1, was " + value);
		}
	}

}
