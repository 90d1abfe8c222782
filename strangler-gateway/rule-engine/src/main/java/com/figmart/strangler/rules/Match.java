package com.figmart.strangler.rules;

import java.util.Map;
import java.util.Objects;

/**
 * The winning rule for a request and the values captured by its {@code {name}} segments (raw, not
 * percent-decoded). {@code remainder} is the part of the path matched by a trailing {@code **}, without a
 * leading slash ({@code ""} when the rule has no {@code **} or it matched no segment).
 */
public record Match(RouteRule rule, Map<String, String> variables, String remainder) {

	public Match {
		Objects.requireNonNull(rule, "rule");
		variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
		Objects.requireNonNull(remainder, "remainder");
	}

	/** The captured value of {@code {name}}, or {@code null} if the pattern has no such variable. */
	public String variable(String name) {
		return variables.get(name);
	}
}
