package com.figmart.strangler.gateway.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A write hold as stored with its rule: the rule's unsafe requests wait on every gateway instance from
 * {@code heldSince} until it is released or {@code heldUntil} has come.
 *
 * @param heldSince when it was placed
 * @param heldUntil when it ends by itself
 * @param heldBy who placed it (the audit's actor)
 * @param reason why
 */
public record WriteHold(Instant heldSince, Instant heldUntil, String heldBy, String reason) {

	public WriteHold {
		Objects.requireNonNull(heldSince, "heldSince");
		Objects.requireNonNull(heldUntil, "heldUntil");
		Objects.requireNonNull(heldBy, "heldBy");
		Objects.requireNonNull(reason, "reason");
		if (!heldUntil.isAfter(heldSince)) {
			throw new IllegalArgumentException("a hold must end after it starts: " + heldSince + " .. " + heldUntil);
		}
	}

	/** Whether the hold is still on at {@code now}. */
	public boolean activeAt(Instant now) {
		return heldUntil.isAfter(now);
	}

}
