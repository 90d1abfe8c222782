package com.figmart.migration.plan;

import java.time.Duration;

/** What a plan needs of the strangler gateway. */
public interface Gateway {

	/** The rule's mode as the gateway writes it: LEGACY, SHADOW, CANARY(10), NEW. */
	String mode(String rule);

	void setMode(String rule, String mode, String reason);

	ShadowFigures shadow(String rule);

	void resetShadow(String rule);

	/** CLOSED, OPEN, HALF_OPEN, ..., or {@code null} when the rule has no new target. */
	String breakerState(String rule);

	/**
	 * Holds the rule's unsafe requests at the gateway until released, at most {@code maxHold}, and returns once the
	 * writes already on their way upstream have finished, or a short wait for them ended.
	 */
	Hold holdWrites(String rule, Duration maxHold, String reason);

	/**
	 * Sets the rule's mode and releases its held writes in one change, so they go to the side the mode names.
	 *
	 * @param version the rule's version the hold answered
	 * @throws RuntimeException when the writes are not held any more (the hold ended by itself): they went on to
	 *     the side the rule named before
	 */
	void releaseWrites(String rule, String mode, long version, String reason);

	/** Releases held writes to where the rule sends them now. */
	void releaseWrites(String rule, String reason);

	/**
	 * A hold the gateway applied.
	 *
	 * @param version the rule's version, to base the release on
	 * @param drained whether the writes under way when the hold began have finished
	 */
	record Hold(long version, boolean drained) {
	}

	/**
	 * The shadow comparison of a rule.
	 *
	 * @param compared requests compared
	 * @param excessMismatchRate mismatches beyond the A/A noise, 0 to 1; {@code null} while nothing was compared
	 */
	record ShadowFigures(long compared, Double excessMismatchRate) {
	}

}
