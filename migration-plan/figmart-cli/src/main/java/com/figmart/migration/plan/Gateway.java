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
	 * writes already on their way upstream have finished.
	 */
	void holdWrites(String rule, Duration maxHold, String reason);

	/** Releases held writes after setting the rule's mode, in one change, so they go to the side it now names. */
	void releaseWrites(String rule, String mode, String reason);

	/**
	 * The shadow comparison of a rule.
	 *
	 * @param compared requests compared
	 * @param excessMismatchRate mismatches beyond the A/A noise, 0 to 1; {@code null} while nothing was compared
	 */
	record ShadowFigures(long compared, Double excessMismatchRate) {
	}

}
