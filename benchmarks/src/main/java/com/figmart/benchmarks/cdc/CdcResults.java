package com.figmart.benchmarks.cdc;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the benchmark measured for one replication. */
record CdcResults(String system, Map<String, String> settings, Backfill backfill, List<Steady> steady, Drain drain,
		List<CpuUse> cpu, String failure) {

	/**
	 * The CPU that each process took during one phase, in CPU seconds; {@code wallSeconds} of the phase. On two cores
	 * the sum can reach twice the wall time.
	 */
	record CpuUse(String phase, double wallSeconds, Map<String, Double> seconds) {
	}

	/**
	 * The initial copy of {@code rows} rows that were in the source before the replication started.
	 *
	 * @param total from the start of the replication (subscription created, bridge process launched) until every
	 * row was visible on the target
	 * @param copy from the first row applied on the target until every row was visible: the copy itself, without
	 * the start-up
	 */
	record Backfill(long rows, long missing, Duration total, Duration copy) {

		double rowsPerSecond() {
			return perSecond(rows, total);
		}

		double copyRowsPerSecond() {
			return perSecond(rows, copy);
		}

	}

	/**
	 * A steady stream of one-row transactions.
	 *
	 * @param lag per row, {@code applied_at - written_at}
	 * @param visibleLag per row, the {@code applied_at} of the last row of the same target transaction minus
	 * {@code written_at}: when it became visible, give or take the commit
	 * @param targetTransactions how many target transactions applied the measured rows
	 * @param catchUp from the end of the writing until the last row was visible on the target
	 */
	record Steady(FixedRateWriter.Result writer, LagStats lag, LagStats visibleLag, long targetTransactions,
			Duration catchUp) {
	}

	/**
	 * One transaction of {@code rows} rows.
	 *
	 * @param insert how long the insert and commit took on the source
	 * @param drain from the commit until every row was visible on the target
	 * @param firstApplied from the commit until the first row was applied on the target
	 * @param applySpan from the first to the last row applied on the target
	 */
	record Drain(long rows, long missing, Duration insert, Duration drain, Duration firstApplied, Duration applySpan) {

		/** Rows per second from the commit until all were visible. */
		double applyRowsPerSecond() {
			return perSecond(rows, drain);
		}

	}

	static double perSecond(long rows, Duration duration) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			return Double.NaN;
		}
		return rows / (duration.toNanos() / 1e9);
	}


}
