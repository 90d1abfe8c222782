package com.figmart.cdc.bridge;

import java.time.Instant;
import java.util.List;

import com.figmart.cdc.core.CaptureStatus;
import com.figmart.cdc.core.SlotStatus;

/** The body of {@code GET /api/sync}. */
record SyncStatus(String bridge, Direction direction, Instant directionChangedAt, List<Capture> captures) {

	/**
	 * One capture.
	 *
	 * @param applying whether its side is the system of record (its changes are applied)
	 * @param lagWalBytes WAL written on its source that the bridge has not confirmed yet
	 */
	record Capture(Direction side, boolean applying, CaptureStatus status, long lagWalBytes, SlotStatus slot) {
	}

	static SyncStatus of(SyncBridge bridge) {
		var captures = bridge.sides().stream().map(side -> {
			var slot = safeSlot(side);
			return new Capture(side.direction(), side.direction() == bridge.direction(), side.capture().status(),
					slot.unconfirmedBytes(), slot);
		}).toList();
		return new SyncStatus(bridge.properties().name(), bridge.direction(), bridge.directionChangedAt(), captures);
	}

	static SlotStatus safeSlot(SyncBridge.Side side) {
		try {
			return side.capture().slot();
		}
		catch (RuntimeException ex) {
			return SlotStatus.missing(side.capture().settings().slotName());
		}
	}
}
