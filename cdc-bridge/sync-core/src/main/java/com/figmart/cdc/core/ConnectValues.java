package com.figmart.cdc.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

import org.apache.kafka.connect.data.Schema;

import tools.jackson.databind.JsonNode;

/**
 * Turns the values Debezium delivers into plain values that PostgreSQL can cast back from text: logical
 * temporal types become ISO strings, bytes become {@code \x} hex, decimals arrive as strings already
 * ({@code decimal.handling.mode=string}).
 */
final class ConnectValues {

	static final String UNAVAILABLE = "__debezium_unavailable_value";

	private ConnectValues() {
	}

	static Object plain(Schema schema, Object value) {
		if (value == null) {
			return null;
		}
		var name = (schema != null) ? schema.name() : null;
		if (name != null) {
			switch (name) {
				case "io.debezium.time.Date":
					return LocalDate.ofEpochDay(((Number) value).longValue()).toString();
				case "io.debezium.time.Timestamp":
					return LocalDateTime.ofInstant(Instant.ofEpochMilli(((Number) value).longValue()), ZoneOffset.UTC)
						.toString();
				case "io.debezium.time.MicroTimestamp":
					return micros(((Number) value).longValue()).toString();
				case "io.debezium.time.NanoTimestamp":
					long nanos = ((Number) value).longValue();
					return LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
							(int) Math.floorMod(nanos, 1_000_000_000L), ZoneOffset.UTC).toString();
				case "io.debezium.time.Time":
					return LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L).toString();
				case "io.debezium.time.MicroTime":
					return LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000L).toString();
				default:
					break;
			}
		}
		if (value instanceof byte[] bytes) {
			return "\\x" + HexFormat.of().formatHex(bytes);
		}
		if (value instanceof java.nio.ByteBuffer buffer) {
			var copy = buffer.duplicate();
			var bytes = new byte[copy.remaining()];
			copy.get(bytes);
			return "\\x" + HexFormat.of().formatHex(bytes);
		}
		return value;
	}

	private static LocalDateTime micros(long micros) {
		return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
				(int) Math.floorMod(micros, 1_000_000L) * 1_000, ZoneOffset.UTC);
	}

	/** A value of a JSON document: text as a string, numbers and booleans as themselves. */
	static Object plain(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isString()) {
			return node.asString();
		}
		if (node.isBoolean()) {
			return node.asBoolean();
		}
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return node.asLong();
		}
		return node.isNumber() ? node.decimalValue().toPlainString() : node.toString();
	}
}
