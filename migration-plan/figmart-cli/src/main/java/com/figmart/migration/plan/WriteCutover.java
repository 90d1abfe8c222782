package com.figmart.migration.plan;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Moves the system of record of a route's writes without a race: hold the writes at the gateway, wait until the
 * sync has applied every change of the old system of record, switch the sync direction, then switch the route and
 * release the held writes in one change, so that they go to the new system of record. If anything fails while
 * writes are held, they are released to where the route pointed before, and the sync direction is put back.
 */
final class WriteCutover {

	private final Gateway gateway;

	private final SyncBridge bridge;

	private final Consumer<String> progress;

	WriteCutover(Gateway gateway, SyncBridge bridge, Consumer<String> progress) {
		this.gateway = gateway;
		this.bridge = bridge;
		this.progress = progress;
	}

	void run(String rule, String mode, String direction, Duration maxHold, String reason) {
		String modeBefore = this.gateway.mode(rule);
		String directionBefore = this.bridge.status().direction();
		if (mode.equalsIgnoreCase(modeBefore) && direction.equalsIgnoreCase(directionBefore)) {
			this.progress.accept("  " + rule + " is " + mode + " with sync " + direction + " already");
			return;
		}
		long begin = System.nanoTime();
		this.gateway.holdWrites(rule, maxHold, reason);
		this.progress.accept("  writes of " + rule + " held");
		try {
			this.bridge.awaitCaughtUp(maxHold.dividedBy(2));
			this.progress.accept("  sync caught up after " + millisSince(begin) + " ms");
			if (!direction.equalsIgnoreCase(directionBefore)) {
				this.bridge.switchDirection(direction);
				this.progress.accept("  sync direction " + directionBefore + " -> " + direction);
			}
		}
		catch (RuntimeException ex) {
			restore(rule, modeBefore, directionBefore, reason);
			throw ex;
		}
		this.gateway.releaseWrites(rule, mode, reason);
		this.progress.accept("  " + rule + " -> " + mode + ", writes released after " + millisSince(begin) + " ms");
	}

	private void restore(String rule, String modeBefore, String directionBefore, String reason) {
		try {
			if (!directionBefore.equalsIgnoreCase(this.bridge.status().direction())) {
				this.bridge.switchDirection(directionBefore);
			}
		}
		finally {
			this.gateway.releaseWrites(rule, modeBefore, reason + " (cutover failed, released to " + modeBefore + ")");
		}
	}

	private static long millisSince(long begin) {
		return Duration.ofNanos(System.nanoTime() - begin).toMillis();
	}

}
