package com.figmart.strangler.gateway.store;

/**
 * There is no rule with this id.
 */
public class RuleNotFoundException extends RuntimeException {

	private final String ruleId;

	public RuleNotFoundException(String ruleId) {
		super("no rule '" + ruleId + "'");
		this.ruleId = ruleId;
	}

	public String ruleId() {
		return ruleId;
	}

}
