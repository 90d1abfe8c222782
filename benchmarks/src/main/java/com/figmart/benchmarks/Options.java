package com.figmart.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small command-line parser: {@code --name value}, {@code --name=value} and bare flags.
 * <p>
 * Only the names a program declares are accepted, so a typo fails loudly instead of being ignored.
 * An option given twice keeps every value ({@link #all(String)}); the single-value accessors take
 * the last one, as most command-line tools do.
 */
public final class Options {

	private final Map<String, List<String>> values;

	private final Set<String> flags;

	private Options(Map<String, List<String>> values, Set<String> flags) {
		this.values = values;
		this.flags = flags;
	}

	/**
	 * @param valued names (without {@code --}) that take a value
	 * @param flags names (without {@code --}) that take none
	 * @throws UsageException for an unknown name, a missing value or a positional argument
	 */
	public static Options parse(String[] args, Set<String> valued, Set<String> flags) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--") || arg.length() == 2) {
				throw new UsageException("Unexpected argument '" + arg + "': options look like --name value");
			}
			String name = arg.substring(2);
			String value = null;
			int equals = name.indexOf('=');
			if (equals >= 0) {
				value = name.substring(equals + 1);
				name = name.substring(0, equals);
			}
			if (flags.contains(name)) {
				if (value != null && !value.equals("true")) {
					throw new UsageException("--" + name + " is a flag and takes no value");
				}
				value = "true";
			}
			else if (valued.contains(name)) {
				if (value == null) {
					if (i + 1 >= args.length) {
						throw new UsageException("--" + name + " needs a value");
					}
					value = args[++i];
				}
			}
			else {
				throw new UsageException("Unknown option --" + name);
			}
			values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
		}
		return new Options(values, flags);
	}

	public boolean has(String name) {
		return values.containsKey(name);
	}

	public boolean flag(String name) {
		if (!flags.contains(name)) {
			throw new IllegalArgumentException("Not a declared flag: " + name);
		}
		return values.containsKey(name);
	}

	public String string(String name, String defaultValue) {
		List<String> given = values.get(name);
		return given == null ? defaultValue : given.get(given.size() - 1);
	}

	public List<String> all(String name) {
		return Collections.unmodifiableList(values.getOrDefault(name, List.of()));
	}

	/** A whole number of at least {@code minimum}. */
	public int integer(String name, int defaultValue, int minimum) {
		String text = string(name, null);
		if (text == null) {
			return defaultValue;
		}
		int value;
		try {
			value = Integer.parseInt(text.trim());
		}
		catch (NumberFormatException e) {
			throw new UsageException("--" + name + " must be a whole number, not '" + text + "'");
		}
		if (value < minimum) {
			throw new UsageException("--" + name + " must be at least " + minimum + ", not " + value);
		}
		return value;
	}

	public double decimal(String name, double defaultValue) {
		String text = string(name, null);
		if (text == null) {
			return defaultValue;
		}
		try {
			return Double.parseDouble(text.trim());
		}
		catch (NumberFormatException e) {
			throw new UsageException("--" + name + " must be a number, not '" + text + "'");
		}
	}

	/** A duration such as {@code 30s}, {@code 2m}, {@code 1m30s}, {@code 500ms}; see {@link Durations#parse}. */
	public Duration duration(String name, Duration defaultValue) {
		String text = string(name, null);
		if (text == null) {
			return defaultValue;
		}
		try {
			return Durations.parse(text);
		}
		catch (IllegalArgumentException e) {
			throw new UsageException("--" + name + ": " + e.getMessage());
		}
	}

	/** Wrong command-line usage: the programs print the message and their usage, and exit with 2. */
	public static final class UsageException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		public UsageException(String message) {
			super(message);
		}
	}
}
