package com.figmart.benchmarks.cdc;

import java.util.Map;

/**
 * A way of copying {@code bench_ticks} from the source database to the target database: first the rows that are
 * there (backfill), then every change (streaming). The benchmark measures each the same way, from the rows alone.
 */
interface Replication extends AutoCloseable {

	/** The name in the report's columns. */
	String name();

	/** Starts the backfill and the streaming after it; returns without waiting for either. */
	void start() throws Exception;

	/** The settings that shape its figures, for the report (name to value). */
	Map<String, String> settings() throws Exception;

	/** The process it runs in, if it has its own (for its CPU time), or -1. */
	default long pid() {
		return -1;
	}

	/** Fails, with the reason, when it can no longer make progress (a process that exited). */
	default void checkAlive() {
	}

	/** Stops it and removes what it left on the servers (subscription, slot, publication). */
	@Override
	void close() throws Exception;

}
