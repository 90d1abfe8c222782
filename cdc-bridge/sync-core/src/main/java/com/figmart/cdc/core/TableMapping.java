package com.figmart.cdc.core;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the rows of one source table become rows of one target table: the only place where a bridge knows
 * anything about the data it carries. Declared once; {@link #reversed()} derives the way back, so every
 * conversion must be invertible.
 *
 * @param name unique and stable: applied positions and dead letters are recorded under it
 * @param key the source fields that identify a row (plain columns, the source table's primary key)
 */
public record TableMapping(String name, TableName source, TableName target, List<FieldMapping> fields,
		List<FieldPath> key) {

	private static final String REVERSE_SUFFIX = ".reverse";

	public TableMapping {
		Objects.requireNonNull(name, "name");
		fields = List.copyOf(fields);
		key = List.copyOf(key);
		if (fields.isEmpty() || key.isEmpty()) {
			throw new IllegalArgumentException(name + ": a mapping needs fields and a key");
		}
		var sources = new HashSet<FieldPath>();
		var targets = new HashSet<FieldPath>();
		for (var field : fields) {
			if (!sources.add(field.source()) || !targets.add(field.target())) {
				throw new IllegalArgumentException(name + ": " + field.source() + " -> " + field.target()
						+ " maps a field twice; every field must map one to one so that the mapping can be reversed");
			}
		}
		for (var keyField : key) {
			var mapped = fields.stream().filter(field -> field.source().equals(keyField)).findFirst()
				.orElseThrow(() -> new IllegalArgumentException(name + ": key field " + keyField + " is not mapped"));
			if (keyField.inDocument() || mapped.target().inDocument()) {
				throw new IllegalArgumentException(name + ": key field " + keyField + " must be a column on both sides");
			}
		}
	}

	/** The mapping from the target back to the source, derived field by field with inverted conversions. */
	public TableMapping reversed() {
		var reversedName = this.name.endsWith(REVERSE_SUFFIX)
				? this.name.substring(0, this.name.length() - REVERSE_SUFFIX.length()) : this.name + REVERSE_SUFFIX;
		return new TableMapping(reversedName, this.target, this.source,
				this.fields.stream().map(FieldMapping::reversed).toList(),
				this.key.stream().map(keyField -> fieldFor(keyField).orElseThrow().target()).toList());
	}

	public Optional<FieldMapping> fieldFor(FieldPath source) {
		return this.fields.stream().filter(field -> field.source().equals(source)).findFirst();
	}

	/** The target columns of the key, in key order. */
	public List<FieldPath> targetKey() {
		return this.key.stream().map(keyField -> fieldFor(keyField).orElseThrow().target()).toList();
	}
}
