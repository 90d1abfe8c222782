package com.figmart.strangler.gateway;

import java.util.Map;

/**
 * Sends a rule back to LEGACY on behalf of the gateway itself, e.g. when a guard sees the new target break
 * its objective. The change is durable, propagated to every instance and audited as automatic, with the
 * measured figures.
 */
public interface AutomaticRollback {

	/**
	 * Sets the rule to LEGACY if it is still at {@code observedVersion}.
	 *
	 * @param ruleId the rule
	 * @param observedVersion the version the measurements were taken under; if the rule has changed since,
	 *     nothing happens (another instance or an operator acted first)
	 * @param reason a readable reason, e.g. {@code error rate 0.31 > 0.05 over 10s}
	 * @param measurements the figures behind it, kept in the audit record
	 * @return true if this call changed the rule
	 */
	boolean rollBackToLegacy(String ruleId, long observedVersion, String reason, Map<String, Object> measurements);

}
