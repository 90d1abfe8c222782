package com.figmart.strangler.gateway;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.figmart.strangler.rules.CanaryAssignment;
import com.figmart.strangler.rules.Match;
import com.figmart.strangler.rules.Mode;
import com.figmart.strangler.rules.RouteRule;

/**
 * Decides, for one request, which side answers: the HTTP-free half of the routing filter.
 *
 * <ul>
 *   <li>no rule, {@code LEGACY} and {@code SHADOW}: the monolith (shadow copies are not sent yet);</li>
 *   <li>{@code NEW}: the rule's target;</li>
 *   <li>{@code CANARY(p)}: the rule's target for the sticky keys that {@link CanaryAssignment} puts in the
 *       first {@code p} buckets, the monolith for the others;</li>
 *   <li>a {@link ForcedSide} overrides the mode of a matched rule.</li>
 * </ul>
 *
 * The sticky key is only computed for canary rules, hence the {@link Supplier}.
 */
final class RouteDecider {

	private final LiveRules rules;

	private final Targets targets;

	/**
	 * One assignment per rule id: it hashes the id on construction and only depends on the id, so an entry
	 * never goes stale when a rule changes; the map grows with the number of distinct rule ids ever seen.
	 */
	private final Map<String, CanaryAssignment> assignments = new ConcurrentHashMap<>();

	RouteDecider(LiveRules rules, Targets targets) {
		this.rules = rules;
		this.targets = targets;
	}

	RouteDecision decide(String method, String rawPath, ForcedSide forced, Supplier<String> stickyKey) {
		Optional<Match> match = rules.match(method, rawPath);
		if (match.isEmpty()) {
			return new RouteDecision(RouteDecision.DEFAULT_ROUTE, Mode.LEGACY, Targets.LEGACY, targets.legacy(), null,
					null, RulePolicy.DEFAULTS, false);
		}
		RouteRule rule = match.get().rule();
		RulePolicy policy = rules.policyOf(rule.id());
		URI uri = targets.uriOf(rule.target());
		boolean forcedSide = forced != ForcedSide.NONE;
		boolean toNew;
		if (forced == ForcedSide.LEGACY) {
			toNew = false;
		}
		else if (forced == ForcedSide.NEW) {
			toNew = true;
		}
		else {
			toNew = modeSendsToNew(rule, stickyKey);
		}
		if (toNew && uri != null) {
			return new RouteDecision(rule.id(), rule.mode(), rule.target(), uri, rule.target(), uri, policy, forcedSide);
		}
		// A rule stored by another instance could name a target this instance does not know: staying on the
		// monolith is the safe side.
		return new RouteDecision(rule.id(), rule.mode(), Targets.LEGACY, targets.legacy(), rule.target(), uri, policy,
				forcedSide);
	}

	private boolean modeSendsToNew(RouteRule rule, Supplier<String> stickyKey) {
		switch (rule.mode().kind()) {
			case NEW:
				return true;
			case CANARY:
				Mode.Canary canary = (Mode.Canary) rule.mode();
				if (canary.percent() == 0 || canary.percent() == 100) {
					return canary.percent() == 100;
				}
				return assignments.computeIfAbsent(rule.id(), CanaryAssignment::new)
					.routesToNew(stickyKey.get(), canary);
			default:
				return false;
		}
	}

}
