package com.figmart.cdc.core;

import java.time.Instant;
import java.util.Map;

/**
 * What a capture has done so far.
 *
 * @param lagMillis apply time minus the source commit time of the last change; 0 once nothing new has
 *        arrived for a while (caught up)
 * @param eventsPerSecond changes received per second over the last ten seconds
 * @param snapshot rows copied and rows to copy per table during the initial snapshot (the totals are the
 *        row counts when the snapshot began)
 */
public record CaptureStatus(String engine, State state, String failure, long received, long applied, long skipped,
		long deadLettered, long echoesDropped, long errors, long restarts, long lagMillis, double eventsPerSecond,
		Instant lastChangeAt, Map<String, SnapshotProgress> snapshot) {

	public enum State {
		STARTING, SNAPSHOT, STREAMING, RESTARTING, FAILED, STOPPED
	}

	/** Snapshot progress of one table. */
	public record SnapshotProgress(long done, long total) {

		public double percent() {
			return (this.total == 0) ? 100.0 : Math.min(100.0, 100.0 * this.done / this.total);
		}
	}
}
