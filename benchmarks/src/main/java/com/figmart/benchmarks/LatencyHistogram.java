package com.figmart.benchmarks;

/**
 * A compact log-linear histogram of non-negative long values (the load driver records microseconds),
 * in the spirit of HdrHistogram: values below 2048 are counted exactly; above that every power-of-two
 * range is split into 1024 equal slots, so a reported value is at most 1/1024 (under 0.1 %) above the
 * value that was recorded. Memory is a fixed {@code long[]} of about 24k slots for an hour in µs.
 * <p>
 * Not thread-safe: give each thread its own and {@link #add} them together afterwards.
 */
public final class LatencyHistogram {

	static final int SUB_BUCKET_BITS = 10;

	static final int SUB_BUCKET_COUNT = 1 << SUB_BUCKET_BITS;

	private final long highestTrackableValue;

	private final long[] counts;

	private long totalCount;

	private long minValue = Long.MAX_VALUE;

	private long maxValue;

	private double sum;

	/**
	 * @param highestTrackableValue larger values are still counted (and kept exactly as the maximum),
	 * but fall into the slot of this value for percentiles
	 */
	public LatencyHistogram(long highestTrackableValue) {
		if (highestTrackableValue < 2 * SUB_BUCKET_COUNT) {
			throw new IllegalArgumentException("highestTrackableValue must be at least " + 2 * SUB_BUCKET_COUNT);
		}
		this.highestTrackableValue = highestTrackableValue;
		this.counts = new long[indexOf(highestTrackableValue) + 1];
	}

	static int indexOf(long value) {
		if (value < 2 * SUB_BUCKET_COUNT) {
			return (int) value;
		}
		int exponent = 63 - Long.numberOfLeadingZeros(value);
		int shift = exponent - SUB_BUCKET_BITS;
		int subBucket = (int) (value >>> shift) - SUB_BUCKET_COUNT;
		return (shift + 1) * SUB_BUCKET_COUNT + subBucket;
	}

	/** The smallest value that falls into the slot. */
	static long lowestEquivalentValue(int index) {
		if (index < 2 * SUB_BUCKET_COUNT) {
			return index;
		}
		int shift = index / SUB_BUCKET_COUNT - 1;
		long subBucket = index % SUB_BUCKET_COUNT + SUB_BUCKET_COUNT;
		return subBucket << shift;
	}

	/** The largest value that falls into the slot. */
	static long highestEquivalentValue(int index) {
		if (index < 2 * SUB_BUCKET_COUNT) {
			return index;
		}
		int shift = index / SUB_BUCKET_COUNT - 1;
		return lowestEquivalentValue(index) + (1L << shift) - 1;
	}

	public void record(long value) {
		if (value < 0) {
			throw new IllegalArgumentException("negative value " + value);
		}
		counts[indexOf(Math.min(value, highestTrackableValue))]++;
		totalCount++;
		minValue = Math.min(minValue, value);
		maxValue = Math.max(maxValue, value);
		sum += value;
	}

	/** Adds every value recorded in {@code other} to this histogram. */
	public void add(LatencyHistogram other) {
		if (other.highestTrackableValue != highestTrackableValue) {
			throw new IllegalArgumentException("histograms of different ranges");
		}
		for (int i = 0; i < counts.length; i++) {
			counts[i] += other.counts[i];
		}
		totalCount += other.totalCount;
		minValue = Math.min(minValue, other.minValue);
		maxValue = Math.max(maxValue, other.maxValue);
		sum += other.sum;
	}

	public long totalCount() {
		return totalCount;
	}

	/** The exact smallest value, 0 when empty. */
	public long min() {
		return totalCount == 0 ? 0 : minValue;
	}

	/** The exact largest value, 0 when empty. */
	public long max() {
		return maxValue;
	}

	public double mean() {
		return totalCount == 0 ? 0 : sum / totalCount;
	}

	/**
	 * The value at or below which {@code percentile} percent of the recorded values lie: the
	 * highest value of the slot holding the value of rank ceil(p/100 * n), never above the exact
	 * maximum. 0 when empty; {@code 100} gives the exact maximum.
	 */
	public long valueAtPercentile(double percentile) {
		if (percentile < 0 || percentile > 100 || Double.isNaN(percentile)) {
			throw new IllegalArgumentException("percentile must be within 0..100: " + percentile);
		}
		if (totalCount == 0) {
			return 0;
		}
		long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * totalCount));
		if (rank >= totalCount) {
			return maxValue;
		}
		long seen = 0;
		for (int i = 0; i < counts.length; i++) {
			seen += counts[i];
			if (seen >= rank) {
				return Math.min(highestEquivalentValue(i), maxValue);
			}
		}
		return maxValue;
	}
}
