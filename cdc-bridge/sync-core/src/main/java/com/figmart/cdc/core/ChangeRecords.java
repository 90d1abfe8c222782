package com.figmart.cdc.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;

import tools.jackson.databind.JsonNode;

/** Takes a Debezium change record apart into a {@link Change} of a mapping. */
final class ChangeRecords {

	private ChangeRecords() {
	}

	/** @return the change, or {@code null} for operations the bridge does not carry (truncate) */
	static Change toChange(TableMapping mapping, Struct value, Struct source) {
		var op = value.getString("op");
		Change.Operation operation;
		switch (op) {
			case "r":
				operation = Change.Operation.SNAPSHOT;
				break;
			case "c":
				operation = Change.Operation.INSERT;
				break;
			case "u":
				operation = Change.Operation.UPDATE;
				break;
			case "d":
				operation = Change.Operation.DELETE;
				break;
			default:
				return null;
		}
		var row = (operation == Change.Operation.DELETE) ? value.getStruct("before") : value.getStruct("after");
		var key = new LinkedHashMap<FieldPath, Object>();
		for (var keyField : mapping.key()) {
			key.put(keyField, read(row, keyField, new LinkedHashMap<>()));
		}
		var values = new LinkedHashMap<FieldPath, Object>();
		if (operation != Change.Operation.DELETE) {
			var documents = new LinkedHashMap<String, JsonNode>();
			for (var field : mapping.fields()) {
				var path = field.source();
				if (row.schema().field(path.column()) == null) {
					continue;
				}
				var fieldValue = read(row, path, documents);
				if (!ConnectValues.UNAVAILABLE.equals(fieldValue)) {
					values.put(path, fieldValue);
				}
			}
		}
		return new Change(mapping, operation, key, values, position(operation, source), committedAt(source),
				transactionId(source));
	}

	private static Object read(Struct row, FieldPath path, Map<String, JsonNode> documents) {
		var field = row.schema().field(path.column());
		if (field == null) {
			return null;
		}
		var value = ConnectValues.plain(field.schema(), row.get(field));
		if (!path.inDocument()) {
			return value;
		}
		if (value == null || ConnectValues.UNAVAILABLE.equals(value)) {
			return value;
		}
		var document = documents.computeIfAbsent(path.column(), ignored -> ChangeApplier.JSON.readTree(value.toString()));
		return ConnectValues.plain(document.get(path.jsonKey()));
	}

	static Position position(Change.Operation operation, Struct source) {
		if (operation == Change.Operation.SNAPSHOT) {
			return Position.SNAPSHOT;
		}
		long eventLsn = longOrZero(source, "lsn");
		long commitLsn = 0;
		var sequence = source.schema().field("sequence") != null ? source.getString("sequence") : null;
		if (sequence != null) {
			var parsed = ChangeApplier.JSON.readTree(sequence);
			if (parsed.isArray() && parsed.size() > 0 && !parsed.get(0).isNull()) {
				commitLsn = Long.parseLong(parsed.get(0).asString());
			}
		}
		return new Position(commitLsn, eventLsn);
	}

	private static long longOrZero(Struct struct, String name) {
		var field = struct.schema().field(name);
		if (field == null || struct.get(field) == null) {
			return 0;
		}
		return ((Number) struct.get(field)).longValue();
	}

	private static Instant committedAt(Struct source) {
		long millis = longOrZero(source, "ts_ms");
		return (millis > 0) ? Instant.ofEpochMilli(millis) : null;
	}

	private static long transactionId(Struct source) {
		return longOrZero(source, "txId");
	}
}
