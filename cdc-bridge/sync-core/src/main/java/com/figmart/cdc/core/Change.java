package com.figmart.cdc.core;

import java.time.Instant;
import java.util.Map;

/**
 * One captured row change, with its values already taken apart into the source fields of the mapping.
 *
 * @param key the key fields of the row (from the new row, or from the old row for a delete)
 * @param values the source fields of the new row; empty for a delete. A field missing from an update was
 *        not sent by the source (an unchanged TOASTed value) and keeps its value on the target.
 * @param committedAt the source's commit time
 * @param transactionId the source transaction, used to recognise the bridge's own writes
 */
public record Change(TableMapping mapping, Operation operation, Map<FieldPath, Object> key,
		Map<FieldPath, Object> values, Position position, Instant committedAt, long transactionId) {

	public enum Operation {
		SNAPSHOT, INSERT, UPDATE, DELETE
	}

	public boolean isDelete() {
		return this.operation == Operation.DELETE;
	}

	/** The key as one text, as positions and dead letters record it: the value, or values joined by '|'. */
	public String keyText() {
		return RowKeys.text(this.mapping.key().stream().map(this.key::get).toList());
	}
}
