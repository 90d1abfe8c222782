package com.figmart.strangler.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable index over a set of {@link RouteRule}s answering "which rule handles {@code METHOD path}?".
 *
 * <h2>Structure</h2>
 * One segment trie per HTTP method named by some rule, plus one trie for method-less rules. A rule with
 * methods {@code {GET, POST}} is inserted into both the GET and the POST trie. Each trie node has a hash map
 * of literal children, one child for single-segment wildcards ({@code *} and {@code {var}} share it: they have
 * the same shape, the variable names are kept on the rule), the best rule ending exactly at the node and the
 * best rule ending with {@code **} after the node.
 *
 * <h2>Lookup</h2>
 * The path is split with {@link PathPattern#splitPath(String)}. The trie of the request method (methods are
 * case-insensitive) and the any-method trie are each searched depth first, trying at every level the literal
 * child, then the wildcard child, then the {@code **} rule, backtracking when a branch dead-ends; the first
 * rule found is therefore the most specific one of that trie. Of the two candidates the more specific path
 * shape wins and, on equal shapes, the method-specific one: this is exactly {@link Specificity}.
 *
 * <h2>Cost</h2>
 * A trie node at depth {@code d} is only ever visited with path segment {@code d}, so each node is visited at
 * most once per lookup, and only nodes whose prefix matches the request are visited: one hash lookup per
 * level in the common case. The cost depends on path depth (and on how many wildcard alternatives overlap at
 * the same prefix, at most two children per level), never on the total number of rules.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class RuleIndex {

	private static final RuleIndex EMPTY = new RuleIndex(List.of());

	private final List<RouteRule> rules;
	private final Map<String, RouteRule> byId;
	private final Map<String, Node> methodTries;
	private final Node anyTrie;

	private RuleIndex(Collection<RouteRule> input) {
		Map<String, RouteRule> ids = new LinkedHashMap<>();
		for (RouteRule rule : input) {
			Objects.requireNonNull(rule, "rules must not contain null");
			RouteRule previous = ids.putIfAbsent(rule.id(), rule);
			if (previous != null) {
				throw new IllegalArgumentException("duplicate rule id '" + rule.id() + "': " + previous + " and " + rule);
			}
		}
		Map<String, Node> tries = new HashMap<>();
		Node any = null;
		for (RouteRule rule : ids.values()) {
			Compiled compiled = new Compiled(rule);
			if (rule.anyMethod()) {
				if (any == null) {
					any = new Node();
				}
				insert(any, compiled);
			}
			else {
				for (String method : rule.methods()) {
					insert(tries.computeIfAbsent(method, m -> new Node()), compiled);
				}
			}
		}
		this.rules = Collections.unmodifiableList(new ArrayList<>(ids.values()));
		this.byId = Collections.unmodifiableMap(ids);
		this.methodTries = tries;
		this.anyTrie = any;
	}

	/** An index over no rules: every lookup is empty. */
	public static RuleIndex empty() {
		return EMPTY;
	}

	/**
	 * Builds an index.
	 *
	 * @throws IllegalArgumentException if two rules share an id
	 */
	public static RuleIndex of(Collection<RouteRule> rules) {
		Objects.requireNonNull(rules, "rules must not be null");
		return rules.isEmpty() ? EMPTY : new RuleIndex(rules);
	}

	/** Same as {@link #of(Collection)}. */
	public static RuleIndex of(RouteRule... rules) {
		return of(List.of(rules));
	}

	/**
	 * Finds the most specific rule for a request (see {@link Specificity}).
	 *
	 * @param method the HTTP method, case-insensitive
	 * @param path the raw request path; a query string or fragment is ignored, empty segments and a
	 *     trailing slash are ignored, percent-escapes are compared as they are, literals are case-sensitive
	 * @return the match, or empty if no rule matches (the caller then routes to the legacy default)
	 */
	public Optional<Match> match(String method, String path) {
		Objects.requireNonNull(method, "method must not be null");
		String[] segments = PathPattern.splitPath(path);
		Compiled best = null;
		if (!methodTries.isEmpty()) {
			Node trie = methodTries.get(method.toUpperCase(Locale.ROOT));
			if (trie != null) {
				best = search(trie, segments, 0);
			}
		}
		if (anyTrie != null) {
			Compiled candidate = search(anyTrie, segments, 0);
			// on equal shapes the method-specific rule wins, hence strictly greater
			if (candidate != null && (best == null || candidate.pattern.compareSpecificity(best.pattern) > 0)) {
				best = candidate;
			}
		}
		return best == null ? Optional.empty() : Optional.of(best.toMatch(segments));
	}

	/** All rules, in the order given to {@link #of(Collection)}. */
	public List<RouteRule> rules() {
		return rules;
	}

	/** The rule with the given id, if present. */
	public Optional<RouteRule> rule(String id) {
		return Optional.ofNullable(byId.get(id));
	}

	/** Rules by id (unmodifiable, in the order given). */
	public Map<String, RouteRule> rulesById() {
		return byId;
	}

	public int size() {
		return rules.size();
	}

	@Override
	public String toString() {
		return "RuleIndex[" + rules.size() + " rules]";
	}

	private static void insert(Node root, Compiled compiled) {
		Node node = root;
		List<PathPattern.Segment> segments = compiled.pattern.segments();
		int n = compiled.pattern.endsWithCatchAll() ? segments.size() - 1 : segments.size();
		for (int i = 0; i < n; i++) {
			PathPattern.Segment segment = segments.get(i);
			if (segment.kind() == PathPattern.Kind.LITERAL) {
				if (node.literals == null) {
					node.literals = new HashMap<>();
				}
				node = node.literals.computeIfAbsent(segment.text(), t -> new Node());
			}
			else {
				if (node.single == null) {
					node.single = new Node();
				}
				node = node.single;
			}
		}
		if (compiled.pattern.endsWithCatchAll()) {
			node.catchAll = better(node.catchAll, compiled);
		}
		else {
			node.exact = better(node.exact, compiled);
		}
	}

	/** Two rules ending at the same node of the same trie have the same shape and method kind: lower id wins. */
	private static Compiled better(Compiled current, Compiled candidate) {
		if (current == null || candidate.rule.id().compareTo(current.rule.id()) < 0) {
			return candidate;
		}
		return current;
	}

	/** Depth-first, most specific branch first; node depth always equals {@code i}. */
	private static Compiled search(Node node, String[] segments, int i) {
		if (i == segments.length) {
			return node.exact != null ? node.exact : node.catchAll;
		}
		if (node.literals != null) {
			Node child = node.literals.get(segments[i]);
			if (child != null) {
				Compiled found = search(child, segments, i + 1);
				if (found != null) {
					return found;
				}
			}
		}
		if (node.single != null) {
			Compiled found = search(node.single, segments, i + 1);
			if (found != null) {
				return found;
			}
		}
		return node.catchAll;
	}

	/** Trie node; mutated only while the owning index is being constructed. */
	private static final class Node {
		Map<String, Node> literals;
		Node single;
		Compiled exact;
		Compiled catchAll;
	}

	/** A rule with its capture positions precomputed. */
	private static final class Compiled {
		final RouteRule rule;
		final PathPattern pattern;
		final int[] variablePositions;
		final String[] variableNames;
		final int catchAllFrom;

		Compiled(RouteRule rule) {
			this.rule = rule;
			this.pattern = rule.pattern();
			List<PathPattern.Segment> segments = pattern.segments();
			int count = 0;
			for (PathPattern.Segment s : segments) {
				if (s.kind() == PathPattern.Kind.VARIABLE) {
					count++;
				}
			}
			variablePositions = new int[count];
			variableNames = new String[count];
			int v = 0;
			for (int i = 0; i < segments.size(); i++) {
				if (segments.get(i).kind() == PathPattern.Kind.VARIABLE) {
					variablePositions[v] = i;
					variableNames[v] = segments.get(i).text();
					v++;
				}
			}
			catchAllFrom = pattern.endsWithCatchAll() ? segments.size() - 1 : -1;
		}

		Match toMatch(String[] segments) {
			Map<String, String> variables;
			if (variableNames.length == 0) {
				variables = Map.of();
			}
			else if (variableNames.length == 1) {
				variables = Map.of(variableNames[0], segments[variablePositions[0]]);
			}
			else {
				variables = new HashMap<>(variableNames.length * 2);
				for (int v = 0; v < variableNames.length; v++) {
					variables.put(variableNames[v], segments[variablePositions[v]]);
				}
			}
			String remainder = "";
			if (catchAllFrom >= 0 && catchAllFrom < segments.length) {
				remainder = String.join("/", java.util.Arrays.asList(segments).subList(catchAllFrom, segments.length));
			}
			return new Match(rule, variables, remainder);
		}
	}
}
