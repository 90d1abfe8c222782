package com.figmart.strangler.gateway.shadow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A tiny JSON path pattern, as used by a rule's shadow policy to name ignored paths and unordered arrays.
 *
 * <p>Syntax: {@code $} (the root) followed by any of {@code .name} (a field), {@code .*} (any field),
 * {@code [n]} (an array element), {@code [*]} (any array element) and {@code ..name} (a field of that name at
 * any depth below). Examples: {@code $.id}, {@code $.items[*].id}, {@code $..createdAt}, {@code $.products}.
 * Field names are taken literally up to the next {@code .} or {@code [}.
 */
public final class JsonPathPattern {

	private final String text;

	private final List<Segment> segments;

	private JsonPathPattern(String text, List<Segment> segments) {
		this.text = text;
		this.segments = segments;
	}

	/**
	 * Parses a pattern.
	 *
	 * @throws IllegalArgumentException naming the position of the first error
	 */
	public static JsonPathPattern parse(String text) {
		Objects.requireNonNull(text, "path");
		String path = text.strip();
		if (!path.startsWith("$")) {
			throw invalid(text, "must start with '$'");
		}
		List<Segment> segments = new ArrayList<>();
		int i = 1;
		while (i < path.length()) {
			char ch = path.charAt(i);
			if (ch == '.') {
				boolean descendant = i + 1 < path.length() && path.charAt(i + 1) == '.';
				int start = i + (descendant ? 2 : 1);
				int end = nameEnd(path, start);
				String name = path.substring(start, end);
				if (name.isEmpty()) {
					throw invalid(text, "a field name is missing at position " + start);
				}
				if (descendant) {
					if (name.equals("*")) {
						throw invalid(text, "'..*' is not supported; name the field");
					}
					segments.add(new Segment(Kind.DESCENDANT, name, -1));
				}
				else {
					segments.add(name.equals("*") ? new Segment(Kind.ANY_FIELD, null, -1)
							: new Segment(Kind.FIELD, name, -1));
				}
				i = end;
			}
			else if (ch == '[') {
				int close = path.indexOf(']', i);
				if (close < 0) {
					throw invalid(text, "'[' at position " + i + " is not closed");
				}
				String index = path.substring(i + 1, close).strip();
				if (index.equals("*")) {
					segments.add(new Segment(Kind.ANY_INDEX, null, -1));
				}
				else {
					try {
						int n = Integer.parseInt(index);
						if (n < 0) {
							throw invalid(text, "index " + n + " is negative");
						}
						segments.add(new Segment(Kind.INDEX, null, n));
					}
					catch (NumberFormatException ex) {
						throw invalid(text, "'[" + index + "]' must be '[*]' or a number");
					}
				}
				i = close + 1;
			}
			else {
				throw invalid(text, "unexpected '" + ch + "' at position " + i + "; expected '.' or '['");
			}
		}
		return new JsonPathPattern(path, List.copyOf(segments));
	}

	/** Checks every pattern of a list, e.g. a rule's ignored paths, naming the first invalid one. */
	public static void check(List<String> patterns) {
		for (String pattern : patterns) {
			parse(pattern);
		}
	}

	private static int nameEnd(String path, int start) {
		int end = start;
		while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
			end++;
		}
		return end;
	}

	private static IllegalArgumentException invalid(String text, String why) {
		return new IllegalArgumentException("invalid JSON path '" + text + "': " + why);
	}

	/**
	 * Whether the pattern names this concrete path, given as field names ({@link String}) and array indices
	 * ({@link Integer}) from the root.
	 */
	boolean matches(List<Object> path) {
		return matches(0, path, 0);
	}

	private boolean matches(int segment, List<Object> path, int position) {
		if (segment == this.segments.size()) {
			return position == path.size();
		}
		if (position == path.size()) {
			return false;
		}
		Segment s = this.segments.get(segment);
		Object step = path.get(position);
		switch (s.kind()) {
			case FIELD:
				return s.name().equals(step) && matches(segment + 1, path, position + 1);
			case ANY_FIELD:
				return (step instanceof String) && matches(segment + 1, path, position + 1);
			case INDEX:
				return (step instanceof Integer) && (Integer) step == s.index()
						&& matches(segment + 1, path, position + 1);
			case ANY_INDEX:
				return (step instanceof Integer) && matches(segment + 1, path, position + 1);
			case DESCENDANT:
				for (int p = position; p < path.size(); p++) {
					if (s.name().equals(path.get(p)) && matches(segment + 1, path, p + 1)) {
						return true;
					}
				}
				return false;
			default:
				throw new IllegalStateException("unknown segment " + s);
		}
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof JsonPathPattern) && ((JsonPathPattern) other).text.equals(this.text);
	}

	@Override
	public int hashCode() {
		return this.text.hashCode();
	}

	@Override
	public String toString() {
		return this.text;
	}

	/** Renders a concrete path the way patterns are written, e.g. {@code $.items[2].id}. */
	static String render(List<Object> path) {
		StringBuilder sb = new StringBuilder("$");
		for (Object step : path) {
			if (step instanceof Integer) {
				sb.append('[').append(step).append(']');
			}
			else {
				sb.append('.').append(step);
			}
		}
		return sb.toString();
	}

	/** Renders a concrete path with every index as {@code [*]}: a pattern ready to be added to ignored paths. */
	static String generalize(List<Object> path) {
		StringBuilder sb = new StringBuilder("$");
		for (Object step : path) {
			if (step instanceof Integer) {
				sb.append("[*]");
			}
			else {
				sb.append('.').append(step);
			}
		}
		return sb.toString();
	}

	private enum Kind {

		FIELD, ANY_FIELD, INDEX, ANY_INDEX, DESCENDANT

	}

	private record Segment(Kind kind, @Nullable String name, int index) {

	}

}
