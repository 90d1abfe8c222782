package com.figmart.strangler.gateway.store;

import org.jspecify.annotations.Nullable;

/**
 * A release (or a release with a change of mode) found no hold to release, or too little of it left: nothing was
 * changed. For a cutover this means the held writes may already have gone on to the old side.
 */
public class WriteHoldNotActiveException extends RuntimeException {

	private final StoredRule current;

	private final @Nullable WriteHold lastHold;

	WriteHoldNotActiveException(String message, StoredRule current, @Nullable WriteHold lastHold) {
		super(message);
		this.current = current;
		this.lastHold = lastHold;
	}

	/** The rule as stored. */
	public StoredRule current() {
		return current;
	}

	/** The hold stored with the rule, even if it has ended, or {@code null}. */
	public @Nullable WriteHold lastHold() {
		return lastHold;
	}

}
