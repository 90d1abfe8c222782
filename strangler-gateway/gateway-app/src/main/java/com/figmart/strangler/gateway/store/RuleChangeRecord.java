package com.figmart.strangler.gateway.store;

import java.time.Instant;
import java.util.Map;

/**
 * One audited change of one rule.
 *
 * @param seq the change's position in the store's history; grows with every change, in commit order
 * @param ruleId the rule
 * @param action what happened to it
 * @param from the rule before; {@code null} on {@link Action#CREATE}
 * @param to the rule after; {@code null} on {@link Action#DELETE}
 * @param actor who (see {@link Attribution#actor()})
 * @param automatic whether the gateway did it by itself
 * @param reason why
 * @param measurements the figures behind an automatic change, or {@code null}
 * @param at when
 */
public record RuleChangeRecord(long seq, String ruleId, Action action, StoredRule from, StoredRule to, String actor,
		boolean automatic, String reason, Map<String, Object> measurements, Instant at) {

	/**
	 * What a change did to its rule. {@code HOLD} and {@code RELEASE} start and end a write hold (see
	 * {@link WriteHold}); they leave the rule's version as it is.
	 */
	public enum Action {

		CREATE, UPDATE, DELETE, HOLD, RELEASE

	}

}
