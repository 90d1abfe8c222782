package com.figmart.strangler.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, parsed path pattern such as {@code /api/items/{id}} or {@code /static/**}.
 *
 * <p>Segments are separated by {@code /}; each is one of
 * <ul>
 *   <li>a <b>literal</b> ({@code items}): matches exactly that text, case-sensitively, without decoding
 *       percent-escapes ({@code a%2Fb} only matches the raw segment {@code a%2Fb});</li>
 *   <li>a <b>wildcard</b> {@code *}: matches exactly one segment;</li>
 *   <li>a <b>variable</b> {@code {name}}: matches exactly one segment and captures it under {@code name};</li>
 *   <li>a <b>catch-all</b> {@code **}: only as the last segment; matches zero or more remaining segments.</li>
 * </ul>
 * A segment that mixes these forms ({@code item*}, {@code {id}.json}) is rejected. The pattern must start
 * with {@code /}; a trailing {@code /} is ignored; an empty inner segment ({@code //}) is rejected. The
 * root pattern is {@code /} (zero segments).
 *
 * <p>Request paths are split with {@link #splitPath(String)}, which uses the same conventions.
 */
public final class PathPattern {

	/** The kind of a pattern segment, with its specificity rank (higher is more specific). */
	public enum Kind {
		LITERAL(3), VARIABLE(2), WILDCARD(2), CATCH_ALL(0);

		/** Rank used when comparing specificity; the end of an exact pattern ranks {@value #END_RANK}. */
		public static final int END_RANK = 1;

		private final int rank;

		Kind(int rank) {
			this.rank = rank;
		}

		public int rank() {
			return rank;
		}
	}

	/** One segment: {@code text} is the literal text, the variable name, {@code *} or {@code **}. */
	public record Segment(Kind kind, String text) {
		public Segment {
			Objects.requireNonNull(kind, "kind");
			Objects.requireNonNull(text, "text");
		}

		/** True for segments that consume exactly one path segment without looking at it. */
		public boolean isSingleWildcard() {
			return kind == Kind.VARIABLE || kind == Kind.WILDCARD;
		}

		@Override
		public String toString() {
			return kind == Kind.VARIABLE ? "{" + text + "}" : text;
		}
	}

	private static final PathPattern ROOT = new PathPattern(List.of());

	private final List<Segment> segments;
	private final String canonical;
	private final boolean catchAll;

	private PathPattern(List<Segment> segments) {
		this.segments = segments;
		StringBuilder sb = new StringBuilder();
		for (Segment s : segments) {
			sb.append('/').append(s);
		}
		this.canonical = sb.length() == 0 ? "/" : sb.toString();
		this.catchAll = !segments.isEmpty() && segments.get(segments.size() - 1).kind() == Kind.CATCH_ALL;
	}

	/**
	 * Parses a pattern.
	 *
	 * @throws IllegalArgumentException with a message naming the offending segment
	 */
	public static PathPattern parse(String pattern) {
		if (pattern == null) {
			throw new IllegalArgumentException("path pattern must not be null");
		}
		if (pattern.isEmpty() || pattern.charAt(0) != '/') {
			throw new IllegalArgumentException("path pattern must start with '/': '" + pattern + "'");
		}
		String body = pattern.substring(1);
		if (body.endsWith("/")) {
			body = body.substring(0, body.length() - 1);
		}
		if (body.isEmpty()) {
			return ROOT;
		}
		String[] parts = body.split("/", -1);
		List<Segment> segments = new ArrayList<>(parts.length);
		Set<String> names = new HashSet<>();
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (part.isEmpty()) {
				throw new IllegalArgumentException("path pattern '" + pattern + "' has an empty segment (//)");
			}
			if (part.equals("**")) {
				if (i != parts.length - 1) {
					throw new IllegalArgumentException(
							"'**' is only allowed as the last segment of path pattern '" + pattern + "'");
				}
				segments.add(new Segment(Kind.CATCH_ALL, "**"));
			}
			else if (part.equals("*")) {
				segments.add(new Segment(Kind.WILDCARD, "*"));
			}
			else if (part.startsWith("{") && part.endsWith("}")) {
				String name = part.substring(1, part.length() - 1);
				if (!isIdentifier(name)) {
					throw new IllegalArgumentException("invalid variable name '" + name + "' in path pattern '"
							+ pattern + "': expected a letter or '_' followed by letters, digits or '_'");
				}
				if (!names.add(name)) {
					throw new IllegalArgumentException(
							"variable '" + name + "' appears twice in path pattern '" + pattern + "'");
				}
				segments.add(new Segment(Kind.VARIABLE, name));
			}
			else {
				for (int c = 0; c < part.length(); c++) {
					char ch = part.charAt(c);
					if (ch == '*' || ch == '{' || ch == '}' || ch == '?' || ch == '#') {
						throw new IllegalArgumentException("segment '" + part + "' of path pattern '" + pattern
								+ "' mixes literal text with '" + ch
								+ "': use a whole-segment '*', '{name}' or trailing '**'");
					}
				}
				segments.add(new Segment(Kind.LITERAL, part));
			}
		}
		return new PathPattern(Collections.unmodifiableList(segments));
	}

	private static boolean isIdentifier(String name) {
		if (name.isEmpty()) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char ch = name.charAt(i);
			boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_'
					|| (i > 0 && ch >= '0' && ch <= '9');
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Splits a request path into its non-empty segments: everything from the first {@code ?} or {@code #}
	 * is dropped, empty segments (leading, trailing or doubled slashes) are skipped, and percent-escapes
	 * are left as they are. {@code ""}, {@code "/"} and {@code "/?q"} all give zero segments.
	 */
	public static String[] splitPath(String path) {
		Objects.requireNonNull(path, "path must not be null");
		int end = path.length();
		for (int i = 0; i < end; i++) {
			char ch = path.charAt(i);
			if (ch == '?' || ch == '#') {
				end = i;
				break;
			}
		}
		int count = 0;
		int start = 0;
		for (int i = 0; i <= end; i++) {
			if (i == end || path.charAt(i) == '/') {
				if (i > start) {
					count++;
				}
				start = i + 1;
			}
		}
		String[] out = new String[count];
		int n = 0;
		start = 0;
		for (int i = 0; i <= end; i++) {
			if (i == end || path.charAt(i) == '/') {
				if (i > start) {
					out[n++] = path.substring(start, i);
				}
				start = i + 1;
			}
		}
		return out;
	}

	/** The segments, in order (unmodifiable). */
	public List<Segment> segments() {
		return segments;
	}

	/** Number of segments, counting a trailing {@code **} as one. */
	public int size() {
		return segments.size();
	}

	/** True if the pattern ends with {@code **}. */
	/**
	 * Whether this pattern alone matches a split path (see {@link #splitPath(String)}): literals equal,
	 * each wildcard takes one segment, a trailing {@code **} takes the rest. Checks one pattern at a
	 * time; {@link RuleIndex} exists so that routing never needs to.
	 */
	public boolean matches(String[] segments) {
		for (int i = 0; i < this.segments.size(); i++) {
			Segment segment = this.segments.get(i);
			if (segment.kind() == Kind.CATCH_ALL) {
				return true;
			}
			if (i >= segments.length) {
				return false;
			}
			if (segment.kind() == Kind.LITERAL && !segment.text().equals(segments[i])) {
				return false;
			}
		}
		return this.segments.size() == segments.length;
	}

	public boolean endsWithCatchAll() {
		return catchAll;
	}

	/**
	 * Compares the specificity of two patterns; positive if this one is more specific.
	 *
	 * <p>Segments are compared position by position by rank: literal (3) &gt; {@code {var}} = {@code *} (2)
	 * &gt; end of an exact pattern (1) &gt; {@code **} (0). The first difference decides. When one pattern
	 * runs out of segments it is ranked "end" at that position, so for {@code /a} the exact {@code /a} beats
	 * {@code /a/**} (whose {@code **} matches nothing), and a longer literal prefix before {@code **} beats
	 * a shorter one ({@code /a/b/**} beats {@code /a/**}). Equal shapes compare as 0 regardless of literal
	 * text or variable names.
	 */
	public int compareSpecificity(PathPattern other) {
		int n = Math.max(segments.size(), other.segments.size());
		for (int i = 0; i < n; i++) {
			int a = i < segments.size() ? segments.get(i).kind().rank() : Kind.END_RANK;
			int b = i < other.segments.size() ? other.segments.get(i).kind().rank() : Kind.END_RANK;
			if (a != b) {
				return Integer.compare(a, b);
			}
			if (a == Kind.CATCH_ALL.rank()) {
				return 0;
			}
		}
		return 0;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof PathPattern && ((PathPattern) o).canonical.equals(canonical);
	}

	@Override
	public int hashCode() {
		return canonical.hashCode();
	}

	/** The canonical text, e.g. {@code /api/items/{id}} (no trailing slash). */
	@Override
	public String toString() {
		return canonical;
	}
}
