package com.figmart.strangler.rules;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One routing rule: requests whose method is in {@code methods} (empty = any method) and whose path
 * matches {@code pattern} are handled according to {@code mode}, with {@code target} naming the new
 * destination (an opaque name resolved by the caller).
 *
 * <p>Methods are normalised to upper case and stored in an unmodifiable, sorted set. {@code version} is the
 * version of this rule definition; an update of the rule in a {@link RuleSet} must carry a strictly greater
 * version.
 */
public record RouteRule(String id, Set<String> methods, PathPattern pattern, Mode mode, String target,
		long version) {

	public RouteRule {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("rule id must not be null or blank");
		}
		if (!id.equals(id.strip())) {
			throw new IllegalArgumentException("rule id '" + id + "' must not have leading or trailing blanks");
		}
		if (methods == null) {
			throw new IllegalArgumentException("methods of rule '" + id + "' must not be null (use an empty set for any method)");
		}
		TreeSet<String> normalized = new TreeSet<>();
		for (String m : methods) {
			normalized.add(normalizeMethod(m, id));
		}
		methods = normalized.isEmpty() ? Set.of() : Collections.unmodifiableSortedSet(normalized);
		if (pattern == null) {
			throw new IllegalArgumentException("path pattern of rule '" + id + "' must not be null");
		}
		if (mode == null) {
			throw new IllegalArgumentException("mode of rule '" + id + "' must not be null");
		}
		if (target == null || target.isBlank()) {
			throw new IllegalArgumentException("target of rule '" + id + "' must not be null or blank");
		}
		if (version < 0) {
			throw new IllegalArgumentException("version of rule '" + id + "' must be >= 0, was " + version);
		}
	}

	/** Convenience: {@code RouteRule.of("r1", "GET /api/items/{id}", Mode.NEW, "items-service", 1)}. */
	public static RouteRule of(String id, String methodsAndPattern, Mode mode, String target, long version) {
		if (methodsAndPattern == null) {
			throw new IllegalArgumentException("route of rule '" + id + "' must not be null");
		}
		String spec = methodsAndPattern.strip();
		int space = spec.indexOf(' ');
		Set<String> methods = Set.of();
		String path = spec;
		if (!spec.startsWith("/")) {
			if (space < 0) {
				throw new IllegalArgumentException("route '" + methodsAndPattern
						+ "' must be '<METHOD[,METHOD...]> /path' or '/path'");
			}
			String methodPart = spec.substring(0, space);
			path = spec.substring(space + 1).strip();
			Set<String> set = new LinkedHashSet<>();
			for (String m : methodPart.split(",", -1)) {
				set.add(m);
			}
			methods = set;
		}
		return new RouteRule(id, methods, PathPattern.parse(path), mode, target, version);
	}

	/** Same as the canonical constructor with the methods given as a collection. */
	public static RouteRule of(String id, Collection<String> methods, String pattern, Mode mode, String target,
			long version) {
		return new RouteRule(id, methods == null ? null : new LinkedHashSet<>(methods), PathPattern.parse(pattern), mode,
				target, version);
	}

	/** True if the rule applies to any method. */
	public boolean anyMethod() {
		return methods.isEmpty();
	}

	/** True if the rule applies to the given method (case-insensitive). */
	public boolean appliesTo(String method) {
		return methods.isEmpty() || methods.contains(method.toUpperCase(Locale.ROOT));
	}

	/** A copy of this rule with another mode and version, e.g. to raise a canary. */
	public RouteRule withMode(Mode newMode, long newVersion) {
		return new RouteRule(id, methods, pattern, newMode, target, newVersion);
	}

	static String normalizeMethod(String method, String ruleId) {
		if (method == null || method.isEmpty()) {
			throw new IllegalArgumentException("rule '" + ruleId + "' has a null or empty HTTP method");
		}
		for (int i = 0; i < method.length(); i++) {
			if (!isTokenChar(method.charAt(i))) {
				throw new IllegalArgumentException("rule '" + ruleId + "' has an invalid HTTP method '" + method
						+ "' (character '" + method.charAt(i) + "' is not allowed in a method token)");
			}
		}
		return method.toUpperCase(Locale.ROOT);
	}

	/** RFC 9110 token characters. */
	private static boolean isTokenChar(char ch) {
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) {
			return true;
		}
		return "!#$%&'*+-.^_`|~".indexOf(ch) >= 0;
	}

	@Override
	public String toString() {
		return id + "[" + (methods.isEmpty() ? "*" : String.join(",", methods)) + " " + pattern + " -> " + mode + " "
				+ target + " v" + version + "]";
	}
}
