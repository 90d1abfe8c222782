package com.figmart.strangler.gateway.store;

/**
 * A change was based on a version of the rule that is no longer the stored one: someone else changed it first.
 * Nothing was changed.
 */
public class RuleVersionConflictException extends RuntimeException {

	private final long basedOnVersion;

	private final StoredRule current;

	public RuleVersionConflictException(long basedOnVersion, StoredRule current) {
		super("rule '" + current.id() + "' is at version " + current.version() + ", the change was based on version "
				+ basedOnVersion);
		this.basedOnVersion = basedOnVersion;
		this.current = current;
	}

	public long basedOnVersion() {
		return basedOnVersion;
	}

	/** The rule as it is stored now. */
	public StoredRule current() {
		return current;
	}

}
