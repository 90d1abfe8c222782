package com.figmart.migration.plan;

import java.util.List;

/** What a plan needs of the CDC bridge that keeps the legacy and the new databases in sync. */
public interface SyncBridge {

	/** How far behind the source the applied changes are, and in which direction the sync runs. */
	Status status();

	Parity parity(String mapping);

	/**
	 * Returns once every change committed on the active source before the call has been applied; fails when that
	 * takes longer than the bridge's barrier timeout.
	 */
	void awaitCaughtUp();

	/** Switches the direction (FORWARD: legacy to new, REVERSE: new to legacy); the bridge catches up first. */
	void switchDirection(String direction);

	record Status(String direction, long lagMillis) {
	}

	/**
	 * @param clean counts and checksums agree and nothing is dead-lettered
	 * @param summary one line for people
	 * @param differingKeys the first keys that differ, for people
	 */
	record Parity(boolean clean, String summary, List<String> differingKeys) {
	}

}
