package com.figmart.benchmarks;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints human durations: {@code 30s}, {@code 2m}, {@code 1h}, {@code 1m30s}, {@code 250ms}. */
public final class Durations {

	private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

	private static final Pattern PLAIN_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

	private Durations() {
	}

	/**
	 * Reads a non-negative duration. Accepted: one or more number-unit parts with the units
	 * {@code ms}, {@code s}, {@code m}, {@code h} ({@code 1m30s}, {@code 1.5s}), a bare number meaning
	 * seconds ({@code 45}), or ISO-8601 ({@code PT30S}).
	 *
	 * @throws IllegalArgumentException for anything else
	 */
	public static Duration parse(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("empty duration");
		}
		String trimmed = text.trim().toLowerCase(Locale.ROOT);
		if (trimmed.startsWith("p")) {
			try {
				Duration iso = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
				if (iso.isNegative()) {
					throw new IllegalArgumentException("negative duration '" + text + "'");
				}
				return iso;
			}
			catch (DateTimeParseException e) {
				throw new IllegalArgumentException("not a duration: '" + text + "'");
			}
		}
		if (PLAIN_NUMBER.matcher(trimmed).matches()) {
			return ofNanos(Double.parseDouble(trimmed) * 1e9, text);
		}
		Matcher matcher = PART.matcher(trimmed);
		int position = 0;
		double nanos = 0;
		while (matcher.find() && matcher.start() == position) {
			double amount = Double.parseDouble(matcher.group(1));
			nanos += amount * unitNanos(matcher.group(2));
			position = matcher.end();
		}
		if (position == 0 || position != trimmed.length()) {
			throw new IllegalArgumentException(
					"not a duration: '" + text + "' (use e.g. 30s, 2m, 1m30s, 500ms, 1h)");
		}
		return ofNanos(nanos, text);
	}

	private static Duration ofNanos(double nanos, String text) {
		if (nanos > Long.MAX_VALUE) {
			throw new IllegalArgumentException("duration too long: '" + text + "'");
		}
		return Duration.ofNanos(Math.round(nanos));
	}

	private static double unitNanos(String unit) {
		switch (unit) {
			case "ms":
				return 1e6;
			case "s":
				return 1e9;
			case "m":
				return 60e9;
			case "h":
				return 3600e9;
			default:
				throw new IllegalArgumentException("unknown unit " + unit);
		}
	}

	/** The shortest form {@link #parse} reads back: {@code 30s}, {@code 2m}, {@code 1m30s}, {@code 1s500ms}, {@code 0s}. */
	public static String format(Duration duration) {
		if (duration.isZero()) {
			return "0s";
		}
		long millis = duration.toMillis();
		StringBuilder text = new StringBuilder();
		long hours = millis / 3_600_000;
		long minutes = millis / 60_000 % 60;
		long seconds = millis / 1000 % 60;
		long rest = millis % 1000;
		if (hours > 0) {
			text.append(hours).append('h');
		}
		if (minutes > 0) {
			text.append(minutes).append('m');
		}
		if (seconds > 0) {
			text.append(seconds).append('s');
		}
		if (rest > 0 || text.length() == 0) {
			text.append(rest).append("ms");
		}
		return text.toString();
	}
}
