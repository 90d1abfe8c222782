package com.figmart.benchmarks.cdc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.figmart.benchmarks.LatencyHistogram;

/**
 * The replication lag of a set of rows: {@code applied_at - written_at} of each row, in µs.
 *
 * @param rows rows written
 * @param missing rows written but not (yet) on the target: their lag is not in the percentiles
 * @param windowP99Micros the p99 of the rows written in each consecutive {@code window} (by written time), to see
 * whether the lag stays level or grows while the rate is held
 */
record LagStats(long rows, long missing, long p50Micros, long p99Micros, long p999Micros, long maxMicros,
		Duration window, List<Long> windowP99Micros) {

	/** Hours of lag still fit the histogram's exact range. */
	private static final long HIGHEST_TRACKABLE_MICROS = Duration.ofHours(2).toNanos() / 1000;

	/**
	 * @param written written_at per row, µs since the epoch
	 * @param applied applied_at of the same row, or {@link Long#MIN_VALUE} when it is missing
	 */
	static LagStats of(long[] written, long[] applied, Duration window) {
		if (written.length != applied.length) {
			throw new IllegalArgumentException("written and applied differ in length");
		}
		LatencyHistogram all = new LatencyHistogram(HIGHEST_TRACKABLE_MICROS);
		long firstWritten = Long.MAX_VALUE;
		long lastWritten = Long.MIN_VALUE;
		for (long value : written) {
			if (value != Long.MIN_VALUE) {
				firstWritten = Math.min(firstWritten, value);
				lastWritten = Math.max(lastWritten, value);
			}
		}
		long windowMicros = Math.max(1, window.toNanos() / 1000);
		// A trailing part of less than half a window joins the window before it.
		int windowCount = (firstWritten > lastWritten) ? 0
				: (int) Math.max(1, Math.round((double) (lastWritten - firstWritten) / windowMicros));
		List<LatencyHistogram> windows = new ArrayList<>();
		for (int i = 0; i < windowCount; i++) {
			windows.add(new LatencyHistogram(HIGHEST_TRACKABLE_MICROS));
		}
		long rows = 0;
		long missing = 0;
		for (int i = 0; i < written.length; i++) {
			if (written[i] == Long.MIN_VALUE) {
				continue;
			}
			rows++;
			if (applied[i] == Long.MIN_VALUE) {
				missing++;
				continue;
			}
			// Both clocks are the same machine's; a negative difference can only be rounding.
			long lag = Math.max(0, applied[i] - written[i]);
			all.record(lag);
			int slot = (int) Math.min(windowCount - 1, (written[i] - firstWritten) / windowMicros);
			windows.get(slot).record(lag);
		}
		List<Long> windowP99 = windows.stream().map((histogram) -> histogram.valueAtPercentile(99)).toList();
		return new LagStats(rows, missing, all.valueAtPercentile(50), all.valueAtPercentile(99),
				all.valueAtPercentile(99.9), all.max(), window, windowP99);
	}

	/**
	 * Whether the lag stayed level while the rate was held: the p99 of the last window is at most twice the first
	 * window's plus 50 ms, and nothing is missing. A replication that falls behind accumulates a backlog, and the
	 * lag of the last window then grows with the length of the run.
	 */
	boolean bounded() {
		if (missing > 0 || windowP99Micros.isEmpty()) {
			return false;
		}
		return windowP99Micros.get(windowP99Micros.size() - 1) <= 2 * windowP99Micros.get(0) + 50_000;
	}

}
