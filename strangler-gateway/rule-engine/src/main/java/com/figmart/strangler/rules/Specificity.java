package com.figmart.strangler.rules;

import java.util.Comparator;

/**
 * The documented "most specific rule wins" order, for rules that match the same request.
 *
 * <ol>
 *   <li><b>Path shape</b>, by {@link PathPattern#compareSpecificity(PathPattern)}: position by position,
 *       literal &gt; {@code {var}} = {@code *} &gt; end of an exact pattern &gt; {@code **}; the first
 *       difference decides.</li>
 *   <li><b>Methods</b>: a rule listing explicit methods beats a method-less (any-method) rule.</li>
 *   <li><b>Id</b>: the lexicographically smaller id ({@link String#compareTo}) wins, so the result never
 *       depends on the order in which rules were given.</li>
 * </ol>
 *
 * {@link RuleIndex} returns exactly the maximum of this order among the rules matching a request; the order
 * is total on rules with distinct ids.
 */
public final class Specificity {

	/** Sorts the <em>most specific first</em>. */
	public static final Comparator<RouteRule> MOST_SPECIFIC_FIRST = Specificity::compareMostSpecificFirst;

	private Specificity() {
	}

	/** Positive if {@code a} is more specific than {@code b}. */
	public static int compare(RouteRule a, RouteRule b) {
		int c = a.pattern().compareSpecificity(b.pattern());
		if (c != 0) {
			return c;
		}
		c = Boolean.compare(!a.anyMethod(), !b.anyMethod());
		if (c != 0) {
			return c;
		}
		return b.id().compareTo(a.id());
	}

	private static int compareMostSpecificFirst(RouteRule a, RouteRule b) {
		return compare(b, a);
	}
}
