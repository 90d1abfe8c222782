package com.figmart.migration.plan;

import java.time.Duration;

/** What a plan step changes. Each is idempotent: applying it to a system in its target state changes nothing. */
public sealed interface Action {

	String describe();

	/** Sets a gateway rule's mode (LEGACY, SHADOW, CANARY(p), NEW). */
	record SetMode(String rule, String mode) implements Action {

		@Override
		public String describe() {
			return "set rule " + this.rule + " to " + this.mode;
		}

	}

	/** Forgets a rule's shadow figures, so that a new comparison starts from zero. */
	record ResetShadow(String rule) implements Action {

		@Override
		public String describe() {
			return "reset the shadow figures of " + this.rule;
		}

	}

	/**
	 * Moves the system of record for a rule's writes: hold the rule's writes at the gateway, wait until the sync
	 * has applied everything, switch the sync direction and the rule's mode together, release the writes. Writes
	 * wait at most {@code maxHold}; none is lost.
	 */
	record WriteCutover(String rule, String mode, String direction, Duration maxHold) implements Action {

		@Override
		public String describe() {
			return "cut writes of " + this.rule + " over to " + this.mode + " with sync " + this.direction + " (writes held at most "
					+ this.maxHold.toMillis() + " ms)";
		}

	}

}
