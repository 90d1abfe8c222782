package com.figmart.cdc.core;

import java.util.Objects;

/**
 * Where a value lives in a row: a column ({@code sku}), or a key of a JSON object held in a {@code jsonb}
 * column ({@code details.description}).
 */
public record FieldPath(String column, String jsonKey) {

	public FieldPath {
		Objects.requireNonNull(column, "column");
		if (!column.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Not a plain column name: " + column);
		}
		if (jsonKey != null && jsonKey.isBlank()) {
			throw new IllegalArgumentException("Empty JSON key in path " + column + ".");
		}
	}

	/** Parses {@code column} or {@code column.jsonKey}. */
	public static FieldPath parse(String path) {
		int dot = path.indexOf('.');
		return (dot < 0) ? new FieldPath(path.trim(), null)
				: new FieldPath(path.substring(0, dot).trim(), path.substring(dot + 1).trim());
	}

	public boolean inDocument() {
		return this.jsonKey != null;
	}

	@Override
	public String toString() {
		return (this.jsonKey == null) ? this.column : this.column + "." + this.jsonKey;
	}
}
