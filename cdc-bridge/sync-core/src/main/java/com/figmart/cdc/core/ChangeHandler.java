package com.figmart.cdc.core;

import java.util.List;

/** Receives the captured changes, in source order, and returns once they are durably handled. */
public interface ChangeHandler {

	/**
	 * Handles the changes; an exception stops the capture, which restarts from the last stored offset and
	 * delivers them again.
	 */
	ApplyResult handle(List<Change> changes);

	/** Called before a capture without stored offsets takes a snapshot of these mappings' tables. */
	default void beforeSnapshot(List<TableMapping> mappings) {
	}
}
