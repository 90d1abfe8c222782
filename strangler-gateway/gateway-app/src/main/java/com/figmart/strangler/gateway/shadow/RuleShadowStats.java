package com.figmart.strangler.gateway.shadow;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * The counters of one rule. Writers never lock except to keep a mismatch; readers take a consistent-enough
 * snapshot (counters read one after the other while traffic flows).
 */
final class RuleShadowStats {

	/** Latency differences kept for the p99: the last 1,024 (a power of two, for the ring index). */
	private static final int LATENCY_SAMPLES = 1024;

	/** The most distinct noisy paths counted, so a body with random keys cannot grow the map forever. */
	private static final int MAX_NOISY_PATHS = 100;

	private final String ruleId;

	private final Instant since;

	private final int keptMismatches;

	private final LongAdder matched = new LongAdder();

	private final LongAdder mismatched = new LongAdder();

	private final Map<IgnoreReason, LongAdder> ignored = new EnumMap<>(IgnoreReason.class);

	private final LongAdder errors = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final LongAdder calibrated = new LongAdder();

	private final LongAdder noisy = new LongAdder();

	private final LongAdder deltaNanos = new LongAdder();

	private final LongAdder legacyNanos = new LongAdder();

	private final LongAdder newNanos = new LongAdder();

	private final AtomicLongArray deltas = new AtomicLongArray(LATENCY_SAMPLES);

	private final AtomicLong deltaCount = new AtomicLong();

	private final Map<String, LongAdder> noisyPaths = new ConcurrentHashMap<>();

	private final Deque<ShadowMismatch> mismatches = new ArrayDeque<>();

	private final Deque<ShadowMismatch> noise = new ArrayDeque<>();

	RuleShadowStats(String ruleId, Clock clock, int keptMismatches) {
		this.ruleId = ruleId;
		this.since = clock.instant();
		this.keptMismatches = keptMismatches;
		for (IgnoreReason reason : IgnoreReason.values()) {
			this.ignored.put(reason, new LongAdder());
		}
	}

	void ignored(IgnoreReason reason) {
		this.ignored.get(reason).increment();
	}

	void error() {
		this.errors.increment();
	}

	void dropped() {
		this.dropped.increment();
	}

	void compared(@Nullable ShadowMismatch mismatch, long legacyNanos, long newNanos) {
		if (mismatch == null) {
			this.matched.increment();
		}
		else {
			this.mismatched.increment();
			keep(this.mismatches, mismatch);
		}
		long delta = newNanos - legacyNanos;
		this.deltaNanos.add(delta);
		this.legacyNanos.add(legacyNanos);
		this.newNanos.add(newNanos);
		long index = this.deltaCount.getAndIncrement();
		this.deltas.set((int) (index & (LATENCY_SAMPLES - 1)), delta);
	}

	void calibrated(@Nullable ShadowMismatch mismatch, List<String> differingPaths) {
		this.calibrated.increment();
		if (mismatch != null) {
			this.noisy.increment();
			keep(this.noise, mismatch);
			for (String path : differingPaths) {
				LongAdder counter = this.noisyPaths.get(path);
				if (counter == null && this.noisyPaths.size() < MAX_NOISY_PATHS) {
					counter = this.noisyPaths.computeIfAbsent(path, (p) -> new LongAdder());
				}
				if (counter != null) {
					counter.increment();
				}
			}
		}
	}

	private void keep(Deque<ShadowMismatch> kept, ShadowMismatch mismatch) {
		if (this.keptMismatches <= 0) {
			return;
		}
		synchronized (kept) {
			kept.addFirst(mismatch);
			while (kept.size() > this.keptMismatches) {
				kept.removeLast();
			}
		}
	}

	List<ShadowMismatch> mismatches() {
		synchronized (this.mismatches) {
			return List.copyOf(this.mismatches);
		}
	}

	List<ShadowMismatch> noise() {
		synchronized (this.noise) {
			return List.copyOf(this.noise);
		}
	}

	ShadowSummary summary() {
		long matched = this.matched.sum();
		long mismatched = this.mismatched.sum();
		long compared = matched + mismatched;
		Map<String, Long> ignoredBy = new LinkedHashMap<>();
		long ignored = 0;
		for (Map.Entry<IgnoreReason, LongAdder> entry : this.ignored.entrySet()) {
			long count = entry.getValue().sum();
			ignoredBy.put(entry.getKey().key(), count);
			ignored += count;
		}
		long calibrated = this.calibrated.sum();
		long noisy = this.noisy.sum();
		Double mismatchRate = ratio(mismatched, compared);
		Double noiseRate = ratio(noisy, calibrated);
		Double excess = (mismatchRate != null && noiseRate != null) ? Math.max(0, mismatchRate - noiseRate) : null;
		List<Map.Entry<String, Long>> paths = new ArrayList<>();
		this.noisyPaths.forEach((path, count) -> paths.add(Map.entry(path, count.sum())));
		paths.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
		Map<String, Long> noisyPaths = new LinkedHashMap<>();
		paths.forEach((entry) -> noisyPaths.put(entry.getKey(), entry.getValue()));
		return new ShadowSummary(this.ruleId, this.since, compared, matched, mismatched, ignored, ignoredBy,
				this.errors.sum(), this.dropped.sum(), ratio(matched, compared), mismatchRate, calibrated, noisy,
				noiseRate, excess, millis(this.deltaNanos.sum(), compared), p99DeltaMillis(),
				millis(this.legacyNanos.sum(), compared), millis(this.newNanos.sum(), compared), noisyPaths);
	}

	private @Nullable Double p99DeltaMillis() {
		int n = (int) Math.min(this.deltaCount.get(), LATENCY_SAMPLES);
		if (n == 0) {
			return null;
		}
		long[] samples = new long[n];
		for (int i = 0; i < n; i++) {
			samples[i] = this.deltas.get(i);
		}
		Arrays.sort(samples);
		int rank = (int) Math.ceil(0.99 * n) - 1;
		return samples[Math.max(0, rank)] / 1_000_000.0;
	}

	private static @Nullable Double ratio(long part, long whole) {
		return (whole == 0) ? null : (double) part / whole;
	}

	private static @Nullable Double millis(long totalNanos, long count) {
		return (count == 0) ? null : totalNanos / 1_000_000.0 / count;
	}

}
