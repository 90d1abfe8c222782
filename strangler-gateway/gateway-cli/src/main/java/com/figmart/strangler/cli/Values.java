package com.figmart.strangler.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values typed on the command line, checked and put in the form the API expects: modes, methods, durations.
 * Each parser throws {@link IllegalArgumentException} with a message fit for the user.
 */
final class Values {

	static final List<String> MODES = List.of("LEGACY", "SHADOW", "CANARY", "NEW");

	private static final Pattern MODE = Pattern.compile("(?i)\\s*(LEGACY|SHADOW|CANARY|NEW)\\s*(?:[(:=]\\s*(\\d{1,3})\\s*\\)?)?\\s*");

	private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

	private static final Pattern METHOD = Pattern.compile("[A-Z]+");

	private Values() {
	}

	/**
	 * A mode as the API spells it: {@code LEGACY}, {@code SHADOW}, {@code CANARY(p)} or {@code NEW}.
	 *
	 * @param mode {@code legacy}, {@code CANARY}, {@code CANARY(10)}, {@code canary:10}, ...
	 * @param percent the canary share when {@code mode} does not carry it; {@code null} if not given
	 */
	static String mode(String mode, Integer percent) {
		Matcher matcher = MODE.matcher((mode != null) ? mode : "");
		if (!matcher.matches()) {
			throw new IllegalArgumentException("mode must be one of LEGACY, SHADOW, CANARY(p) or NEW, was '" + mode + "'");
		}
		String kind = matcher.group(1).toUpperCase(Locale.ROOT);
		Integer share = (matcher.group(2) != null) ? Integer.valueOf(matcher.group(2)) : null;
		if (!"CANARY".equals(kind)) {
			if (share != null || percent != null) {
				throw new IllegalArgumentException("only CANARY takes a percent, not " + kind);
			}
			return kind;
		}
		if (share != null && percent != null && !share.equals(percent)) {
			throw new IllegalArgumentException("two canary percents: " + mode + " and --percent " + percent);
		}
		share = (share != null) ? share : percent;
		if (share == null) {
			throw new IllegalArgumentException("CANARY needs a percent: CANARY --percent 10, or CANARY(10)");
		}
		if (share < 0 || share > 100) {
			throw new IllegalArgumentException("the canary percent must be between 0 and 100, was " + share);
		}
		return "CANARY(" + share + ")";
	}

	/** HTTP methods, upper case; {@code *} or nothing means any method (an empty list). */
	static List<String> methods(List<String> given) {
		List<String> methods = new ArrayList<>();
		for (String method : given) {
			String name = method.strip().toUpperCase(Locale.ROOT);
			if (name.isEmpty() || "*".equals(name)) {
				continue;
			}
			if (!METHOD.matcher(name).matches()) {
				throw new IllegalArgumentException("'" + method + "' is not an HTTP method");
			}
			if (!methods.contains(name)) {
				methods.add(name);
			}
		}
		return methods;
	}

	/** {@code PT2S}, or the short forms {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 10m}, {@code 1h}, {@code 7d}. */
	static Duration duration(String value) {
		String text = (value != null) ? value.strip() : "";
		if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
			try {
				return positive(Duration.parse(text.toUpperCase(Locale.ROOT)), value);
			}
			catch (DateTimeParseException ex) {
				throw durationExpected(value);
			}
		}
		Matcher matcher = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw durationExpected(value);
		}
		BigDecimal amount = new BigDecimal(matcher.group(1));
		long millisPerUnit;
		switch (matcher.group(2)) {
			case "ms":
				millisPerUnit = 1;
				break;
			case "s":
				millisPerUnit = 1_000;
				break;
			case "m":
				millisPerUnit = 60_000;
				break;
			case "h":
				millisPerUnit = 3_600_000;
				break;
			default:
				millisPerUnit = 86_400_000;
		}
		BigDecimal millis = amount.multiply(BigDecimal.valueOf(millisPerUnit));
		try {
			return positive(Duration.ofMillis(millis.longValueExact()), value);
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException("'" + value + "' is not a whole number of milliseconds");
		}
	}

	private static Duration positive(Duration duration, String value) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("a duration must be positive, was '" + value + "'");
		}
		return duration;
	}

	private static IllegalArgumentException durationExpected(String value) {
		return new IllegalArgumentException(
				"'" + value + "' is not a duration: use 500ms, 2s, 10m, 1h, 7d or ISO-8601 such as PT2S");
	}

}
