package com.figmart.strangler.rules;

/**
 * A {@link RuleChange} was refused because it was prepared against stale state: the rule set has moved to
 * another revision since, or an updated rule does not carry a version greater than the stored one. The
 * caller should re-read the rule set, re-apply its intent and retry. Nothing was changed.
 */
public class RuleConflictException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final long expectedRevision;
	private final long actualRevision;
	private final String ruleId;

	public RuleConflictException(String message, long expectedRevision, long actualRevision, String ruleId) {
		super(message);
		this.expectedRevision = expectedRevision;
		this.actualRevision = actualRevision;
		this.ruleId = ruleId;
	}

	/** The revision the change was based on. */
	public long expectedRevision() {
		return expectedRevision;
	}

	/** The revision of the rule set when the change was refused. */
	public long actualRevision() {
		return actualRevision;
	}

	/** The id of the rule whose version conflicted, or {@code null} for a revision conflict. */
	public String ruleId() {
		return ruleId;
	}
}
