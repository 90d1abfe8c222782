package com.figmart.strangler.gateway.resilience;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The traffic of one rule on one side over the last {@code history} seconds: a ring of one-second buckets,
 * each counting requests and errors and holding a latency histogram.
 *
 * <p>Recording is a few atomic increments and no allocation: the bucket of the current second is found by
 * index, and cleared by the first request of a new second. The histogram has fixed logarithmic buckets
 * (eight per power of two of microseconds, so a percentile is off by at most about 6 %), which is cheaper on
 * the hot path than a general-purpose histogram and enough to compare a p99 with an objective.
 */
final class TrafficWindow {

	/** Latencies are histogrammed in microseconds, up to 2^27 µs (about 134 s); longer ones count as that. */
	private static final long MAX_MICROS = (1L << 27) - 1;

	static final int HISTOGRAM_BUCKETS = index(MAX_MICROS) + 1;

	private final Bucket[] ring;

	TrafficWindow(int historySeconds) {
		this.ring = new Bucket[historySeconds];
		for (int i = 0; i < historySeconds; i++) {
			this.ring[i] = new Bucket();
		}
	}

	/**
	 * Counts one request.
	 *
	 * @param second the current second of the monitor's clock
	 * @param latencyNanos how long it took, or a negative value when it was refused without a call (an open
	 *     breaker, a full bulkhead): it counts as a request, not as a latency
	 * @param error whether it failed (5xx, transport error, timeout, refusal)
	 */
	void record(long second, long latencyNanos, boolean error) {
		Bucket bucket = bucketFor(second);
		bucket.requests.incrementAndGet();
		if (error) {
			bucket.errors.incrementAndGet();
		}
		if (latencyNanos >= 0) {
			bucket.latencies.incrementAndGet(index(latencyNanos / 1_000));
		}
	}

	/**
	 * The figures of the seconds {@code (now - seconds, now]} that are not before {@code notBefore}.
	 */
	Figures figures(long now, int seconds, long notBefore) {
		int span = Math.min(seconds, this.ring.length);
		long from = Math.max(now - span + 1, notBefore);
		long requests = 0;
		long errors = 0;
		long[] histogram = new long[HISTOGRAM_BUCKETS];
		for (Bucket bucket : this.ring) {
			long second = bucket.second;
			if (second < from || second > now) {
				continue;
			}
			requests += bucket.requests.get();
			errors += bucket.errors.get();
			for (int i = 0; i < HISTOGRAM_BUCKETS; i++) {
				histogram[i] += bucket.latencies.get(i);
			}
		}
		return new Figures(requests, errors, percentileMillis(histogram, 0.99));
	}

	private Bucket bucketFor(long second) {
		Bucket bucket = this.ring[(int) Math.floorMod(second, (long) this.ring.length)];
		if (bucket.second != second) {
			synchronized (bucket) {
				if (bucket.second != second) {
					bucket.clear();
					bucket.second = second;
				}
			}
		}
		return bucket;
	}

	/** The histogram bucket of a latency: exact below 8 µs, then eight buckets per power of two. */
	static int index(long micros) {
		long value = Math.min(Math.max(micros, 0), MAX_MICROS);
		if (value < 8) {
			return (int) value;
		}
		int exponent = 63 - Long.numberOfLeadingZeros(value);
		int sub = (int) ((value >> (exponent - 3)) & 7);
		return 8 * (exponent - 2) + sub;
	}

	/** The middle of a histogram bucket, in microseconds. */
	static double midpointMicros(int index) {
		if (index < 8) {
			return index;
		}
		int exponent = index / 8 + 2;
		int sub = index % 8;
		long width = 1L << (exponent - 3);
		long low = (8L + sub) << (exponent - 3);
		return low + (width - 1) / 2.0;
	}

	static double percentileMillis(long[] histogram, double quantile) {
		long total = 0;
		for (long count : histogram) {
			total += count;
		}
		if (total == 0) {
			return 0;
		}
		long rank = (long) Math.ceil(quantile * total);
		long seen = 0;
		for (int i = 0; i < histogram.length; i++) {
			seen += histogram[i];
			if (seen >= rank) {
				return midpointMicros(i) / 1_000.0;
			}
		}
		return midpointMicros(histogram.length - 1) / 1_000.0;
	}

	/** Summed figures; p99 only over the requests that were actually sent. */
	record Figures(long requests, long errors, double p99Millis) {

		double errorRate() {
			return (requests > 0) ? (double) errors / requests : 0;
		}

	}

	private static final class Bucket {

		volatile long second = Long.MIN_VALUE;

		final AtomicLong requests = new AtomicLong();

		final AtomicLong errors = new AtomicLong();

		final AtomicIntegerArray latencies = new AtomicIntegerArray(HISTOGRAM_BUCKETS);

		void clear() {
			this.requests.set(0);
			this.errors.set(0);
			for (int i = 0; i < HISTOGRAM_BUCKETS; i++) {
				this.latencies.set(i, 0);
			}
		}

	}

}
