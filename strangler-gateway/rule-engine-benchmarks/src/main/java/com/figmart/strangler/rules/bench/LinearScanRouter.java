package com.figmart.strangler.rules.bench;

import com.figmart.strangler.rules.Match;
import com.figmart.strangler.rules.PathPattern;
import com.figmart.strangler.rules.RouteRule;
import com.figmart.strangler.rules.Specificity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The naive baseline: every rule is checked one by one against the request and the most specific match is
 * kept. It returns the same answer as {@code RuleIndex} but costs O(number of rules) per lookup, because a
 * most-specific-wins router cannot stop at the first match.
 */
public final class LinearScanRouter {

	private final List<RouteRule> rules;

	public LinearScanRouter(List<RouteRule> rules) {
		this.rules = List.copyOf(rules);
	}

	public Optional<Match> match(String method, String path) {
		String[] segments = PathPattern.splitPath(path);
		RouteRule best = null;
		for (RouteRule rule : rules) {
			if (rule.appliesTo(method) && rule.pattern().matches(segments)
					&& (best == null || Specificity.compare(rule, best) > 0)) {
				best = rule;
			}
		}
		if (best == null) {
			return Optional.empty();
		}
		Map<String, String> variables = new HashMap<>();
		List<PathPattern.Segment> ps = best.pattern().segments();
		String remainder = "";
		for (int i = 0; i < ps.size(); i++) {
			PathPattern.Segment s = ps.get(i);
			if (s.kind() == PathPattern.Kind.VARIABLE) {
				variables.put(s.text(), segments[i]);
			}
			else if (s.kind() == PathPattern.Kind.CATCH_ALL && i < segments.length) {
				remainder = String.join("/", List.of(segments).subList(i, segments.length));
			}
		}
		return Optional.of(new Match(best, variables, remainder));
	}
}
