package com.figmart.strangler.gateway.shadow;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Compares two JSON trees semantically: objects by their fields whatever their order, numbers by value
 * ({@code 12.50} equals {@code 12.5}), arrays in order unless a pattern names them unordered (then as
 * multisets), and paths matched by an ignored pattern not at all.
 *
 * <p>Each difference is one readable line: the concrete path, the legacy value, {@code !=}, the new value,
 * e.g. {@code $.price: 12.50 != 12.49} or {@code $.discount: absent != 3}.
 */
final class JsonComparison {

	static final String ABSENT = "absent";

	private static final int SHOWN_VALUE_CHARS = 120;

	private final List<JsonPathPattern> ignored;

	private final List<JsonPathPattern> unordered;

	private final int maxDifferences;

	JsonComparison(List<JsonPathPattern> ignored, List<JsonPathPattern> unordered, int maxDifferences) {
		this.ignored = ignored;
		this.unordered = unordered;
		this.maxDifferences = maxDifferences;
	}

	/** The differences, legacy first; empty if the trees are equal for this comparison. */
	List<Difference> compare(JsonNode legacy, JsonNode candidate) {
		List<Difference> differences = new ArrayList<>();
		compare(legacy, candidate, new ArrayList<>(), differences);
		return differences;
	}

	private void compare(@Nullable JsonNode legacy, @Nullable JsonNode candidate, List<Object> path,
			List<Difference> out) {
		if (out.size() >= this.maxDifferences || isIgnored(path)) {
			return;
		}
		if (legacy == null || candidate == null) {
			out.add(Difference.of(path, show(legacy), show(candidate)));
			return;
		}
		if (legacy.isObject() && candidate.isObject()) {
			Set<String> names = new LinkedHashSet<>(legacy.propertyNames());
			names.addAll(candidate.propertyNames());
			for (String name : names) {
				path.add(name);
				compare(legacy.get(name), candidate.get(name), path, out);
				path.remove(path.size() - 1);
			}
		}
		else if (legacy.isArray() && candidate.isArray()) {
			if (isUnordered(path)) {
				compareAsMultisets(legacy, candidate, path, out);
				return;
			}
			int size = Math.max(legacy.size(), candidate.size());
			for (int i = 0; i < size; i++) {
				path.add(i);
				compare((i < legacy.size()) ? legacy.get(i) : null, (i < candidate.size()) ? candidate.get(i) : null,
						path, out);
				path.remove(path.size() - 1);
			}
		}
		else if (legacy.isNumber() && candidate.isNumber()) {
			if (legacy.decimalValue().compareTo(candidate.decimalValue()) != 0) {
				out.add(Difference.of(path, show(legacy), show(candidate)));
			}
		}
		else if (!legacy.equals(candidate)) {
			out.add(Difference.of(path, show(legacy), show(candidate)));
		}
	}

	/**
	 * Counts the elements of both arrays by their canonical form; an element left over on one side is a
	 * difference, reported at the array's path with {@code [?]} since it has no counterpart to be compared with.
	 */
	private void compareAsMultisets(JsonNode legacy, JsonNode candidate, List<Object> path, List<Difference> out) {
		Map<String, Integer> balance = new TreeMap<>();
		Map<String, JsonNode> example = new LinkedHashMap<>();
		for (int i = 0; i < legacy.size(); i++) {
			String key = canonical(legacy.get(i), path, i);
			balance.merge(key, 1, Integer::sum);
			example.putIfAbsent(key, legacy.get(i));
		}
		for (int i = 0; i < candidate.size(); i++) {
			String key = canonical(candidate.get(i), path, i);
			balance.merge(key, -1, Integer::sum);
			example.putIfAbsent(key, candidate.get(i));
		}
		String at = JsonPathPattern.render(path) + "[?]";
		String generalized = JsonPathPattern.generalize(path) + "[*]";
		for (Map.Entry<String, Integer> entry : balance.entrySet()) {
			int count = entry.getValue();
			String value = show(example.get(entry.getKey()));
			for (int n = 0; n < Math.abs(count) && out.size() < this.maxDifferences; n++) {
				out.add((count > 0) ? new Difference(at, generalized, value, ABSENT)
						: new Difference(at, generalized, ABSENT, value));
			}
		}
	}

	/**
	 * A string equal for two elements exactly when this comparison finds no difference between them: sorted
	 * fields, numbers by value, ignored paths left out, unordered arrays sorted.
	 */
	private String canonical(JsonNode element, List<Object> arrayPath, int index) {
		List<Object> path = new ArrayList<>(arrayPath);
		path.add(index);
		StringBuilder sb = new StringBuilder();
		appendCanonical(element, path, sb);
		return sb.toString();
	}

	private void appendCanonical(JsonNode node, List<Object> path, StringBuilder sb) {
		if (node.isObject()) {
			List<String> names = new ArrayList<>(node.propertyNames());
			Collections.sort(names);
			sb.append('{');
			for (String name : names) {
				path.add(name);
				if (!isIgnored(path)) {
					sb.append(quote(name)).append(':');
					appendCanonical(node.get(name), path, sb);
					sb.append(',');
				}
				path.remove(path.size() - 1);
			}
			sb.append('}');
		}
		else if (node.isArray()) {
			List<String> elements = new ArrayList<>(node.size());
			boolean sorted = isUnordered(path);
			for (int i = 0; i < node.size(); i++) {
				path.add(i);
				if (!isIgnored(path)) {
					StringBuilder element = new StringBuilder();
					appendCanonical(node.get(i), path, element);
					elements.add(element.toString());
				}
				path.remove(path.size() - 1);
			}
			if (sorted) {
				Collections.sort(elements);
			}
			sb.append('[').append(String.join(",", elements)).append(']');
		}
		else if (node.isNumber()) {
			BigDecimal value = node.decimalValue();
			sb.append((value.signum() == 0) ? "0" : value.stripTrailingZeros().toPlainString());
		}
		else {
			sb.append(node);
		}
	}

	private boolean isIgnored(List<Object> path) {
		for (JsonPathPattern pattern : this.ignored) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	private boolean isUnordered(List<Object> path) {
		for (JsonPathPattern pattern : this.unordered) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	private static String quote(String name) {
		return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	static String show(@Nullable JsonNode node) {
		if (node == null) {
			return ABSENT;
		}
		String text = node.toString();
		return (text.length() <= SHOWN_VALUE_CHARS) ? text : text.substring(0, SHOWN_VALUE_CHARS) + "…";
	}

	/**
	 * One difference between the two answers.
	 *
	 * @param path where, e.g. {@code $.items[2].price}, {@code status} or {@code header Location}
	 * @param pattern the same path with every index as {@code [*]}, for counting which paths are noisy
	 * @param legacy the monolith's value, or {@value #ABSENT}
	 * @param candidate the other side's value, or {@value #ABSENT}
	 */
	record Difference(String path, String pattern, String legacy, String candidate) {

		static Difference of(List<Object> path, String legacy, String candidate) {
			return new Difference(JsonPathPattern.render(path), JsonPathPattern.generalize(path), legacy, candidate);
		}

		@Override
		public String toString() {
			return this.path + ": " + this.legacy + " != " + this.candidate;
		}

	}

}
