package com.figmart.migration.plan;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Moves the system of record of a route's writes without a race: hold the writes at the gateway, let the sync
 * apply every change of the old system of record and switch its direction, then switch the route and release the
 * held writes in one change, so that they go to the new system of record.
 *
 * <p>If anything fails while the writes are held, they are released to the side the route named before and the
 * sync keeps (or gets back) its old direction. The hold ends by itself after {@code maxHold}, so a runner that dies
 * half-way leaves writes waiting that long at most.
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
		boolean switchesDirection = !direction.equalsIgnoreCase(directionBefore);
		if (mode.equalsIgnoreCase(modeBefore) && !switchesDirection) {
			this.progress.accept("  " + rule + " is " + mode + " with sync " + direction + " already");
			return;
		}
		long begin = System.nanoTime();
		Gateway.Hold hold = this.gateway.holdWrites(rule, maxHold, reason);
		this.progress.accept("  writes of " + rule + " held after " + millisSince(begin) + " ms");
		try {
			if (!hold.drained()) {
				throw new IllegalStateException("writes of " + rule + " were still under way when the hold began");
			}
			if (switchesDirection) {
				this.bridge.switchDirection(direction);
				this.progress.accept("  sync caught up and switched " + directionBefore + " -> " + direction + " after "
						+ millisSince(begin) + " ms");
			}
			else {
				this.bridge.awaitCaughtUp();
				this.progress.accept("  sync caught up after " + millisSince(begin) + " ms");
			}
		}
		catch (RuntimeException ex) {
			this.gateway.releaseWrites(rule, reason + " (cutover abandoned: " + ex.getMessage() + ")");
			this.progress.accept("  cutover abandoned; writes released to " + modeBefore);
			throw ex;
		}
		try {
			this.gateway.releaseWrites(rule, mode, hold.version(), reason);
		}
		catch (RuntimeException ex) {
			if (switchesDirection) {
				this.bridge.switchDirection(directionBefore);
			}
			throw new IllegalStateException("the hold ended before the release, so the held writes went on to " + modeBefore
					+ "; the sync direction is " + directionBefore + " again. Writes made on " + modeBefore
					+ " while it was not the system of record are in the bridge's dead letters: check parity", ex);
		}
		this.progress.accept("  " + rule + " -> " + mode + ", writes released after " + millisSince(begin) + " ms");
	}

	private static long millisSince(long begin) {
		return Duration.ofNanos(System.nanoTime() - begin).toMillis();
	}

}
