package com.figmart.strangler.gateway.edge;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A token bucket per client, kept as one {@code long} per client: the generic cell rate algorithm, the
 * lock-free equivalent of a token bucket. Each client has a "theoretical arrival time" (TAT); a request is let
 * through if, after adding one refill interval to it, the TAT is no further ahead of now than the whole bucket
 * (capacity times the interval). A bucket left alone fills up again, so a client not seen for a whole bucket's
 * refill time is forgotten, and at most {@code maxClients} are kept (least recently seen dropped first).
 */
final class TokenBuckets {

	private final int capacity;

	private final long intervalNanos;

	private final long burstNanos;

	private final Cache<String, AtomicLong> arrivals;

	TokenBuckets(int capacity, double refillPerSecond, int maxClients) {
		this.capacity = capacity;
		this.intervalNanos = Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / refillPerSecond));
		this.burstNanos = this.intervalNanos * capacity;
		this.arrivals = Caffeine.newBuilder()
			.maximumSize(maxClients)
			.expireAfterAccess(Duration.ofNanos(Math.max(this.burstNanos, TimeUnit.SECONDS.toNanos(1))))
			.build();
	}

	int capacity() {
		return this.capacity;
	}

	/** Takes a token of {@code client}'s bucket at {@code nowNanos} ({@link System#nanoTime()}), if there is one. */
	Take take(String client, long nowNanos) {
		AtomicLong arrival = this.arrivals.get(client, (key) -> new AtomicLong(nowNanos));
		while (true) {
			long tat = arrival.get();
			long next = Math.max(tat, nowNanos) + this.intervalNanos;
			long ahead = next - nowNanos;
			if (ahead > this.burstNanos) {
				long waitNanos = tat + this.intervalNanos - this.burstNanos - nowNanos;
				return new Take(false, 0, waitNanos);
			}
			if (arrival.compareAndSet(tat, next)) {
				return new Take(true, (int) ((this.burstNanos - ahead) / this.intervalNanos), 0);
			}
		}
	}

	/**
	 * The outcome of one request.
	 *
	 * @param allowed whether it may pass
	 * @param remaining the tokens left after it
	 * @param waitNanos when refused, how long until a token is there
	 */
	record Take(boolean allowed, int remaining, long waitNanos) {

		/** The wait in whole seconds, rounded up, at least 1: the value of {@code Retry-After}. */
		long retryAfterSeconds() {
			return Math.max(1, (this.waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
		}

	}

}
