package com.figmart.cdc.core;

/** What an apply did with a batch of changes. */
public record ApplyResult(int applied, int skipped, int deadLettered) {

	public static final ApplyResult NONE = new ApplyResult(0, 0, 0);

	public ApplyResult plus(ApplyResult other) {
		return new ApplyResult(this.applied + other.applied, this.skipped + other.skipped,
				this.deadLettered + other.deadLettered);
	}
}
