package com.figmart.migration.plan;

import java.time.Duration;

/**
 * Something a plan step requires before it may run (a precondition) or that must hold once it ran (a check).
 * Each names the part of the system it looks at; what the names stand for lives in the plan file.
 */
public sealed interface Condition {

	/** A one-line description for people, such as {@code parity of catalog-products is clean}. */
	String describe();

	/** The service answers 200 on its health URL. */
	record Healthy(String service) implements Condition {

		@Override
		public String describe() {
			return this.service + " is healthy";
		}

	}

	/** The gateway rule is in the given mode (as the gateway writes it: LEGACY, SHADOW, CANARY(10), NEW). */
	record RuleMode(String rule, String mode) implements Condition {

		@Override
		public String describe() {
			return "rule " + this.rule + " is " + this.mode;
		}

	}

	/**
	 * The shadow comparison of a rule matched at least a share of at least a number of compared requests, after
	 * the noise the A/A calibration measured is taken off.
	 */
	record ShadowMatch(String rule, double atLeastPercent, long over) implements Condition {

		@Override
		public String describe() {
			return "shadow of " + this.rule + " matches at least " + this.atLeastPercent + " % over at least " + this.over
					+ " requests";
		}

	}

	/** The circuit breaker of the rule's new target is closed. */
	record BreakerClosed(String rule) implements Condition {

		@Override
		public String describe() {
			return "breaker of " + this.rule + " is closed";
		}

	}

	/** The CDC bridge's parity check of a mapping finds no difference between the two sides. */
	record ParityClean(String mapping) implements Condition {

		@Override
		public String describe() {
			return "parity of " + this.mapping + " is clean";
		}

	}

	/** The CDC bridge applies changes within a bound of their commit. */
	record LagBelow(Duration bound) implements Condition {

		@Override
		public String describe() {
			return "sync lag is below " + this.bound.toMillis() + " ms";
		}

	}

	/** The CDC bridge syncs in the given direction (FORWARD: legacy to new; REVERSE: new to legacy). */
	record SyncDirection(String direction) implements Condition {

		@Override
		public String describe() {
			return "sync direction is " + this.direction;
		}

	}

}
