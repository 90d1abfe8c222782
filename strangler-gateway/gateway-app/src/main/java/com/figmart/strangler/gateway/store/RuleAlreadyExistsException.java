package com.figmart.strangler.gateway.store;

/**
 * A rule with this id exists already; nothing was created.
 */
public class RuleAlreadyExistsException extends RuntimeException {

	private final StoredRule existing;

	public RuleAlreadyExistsException(StoredRule existing) {
		super("a rule '" + existing.id() + "' exists already (version " + existing.version() + ")");
		this.existing = existing;
	}

	public StoredRule existing() {
		return existing;
	}

}
