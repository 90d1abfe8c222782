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
import com.figmart.strangler.rules.RuleSet;

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

	private final RuleSet ruleSet;

	private final Targets targets;

	/**
	 * One assignment per rule id: it hashes the id on construction and only depends on the id, so an entry
	 * never goes stale when a rule changes; the map grows with the number of distinct rule ids ever seen.
	 */
	private final Map<String, CanaryAssignment> assignments = new ConcurrentHashMap<>();

	RouteDecider(RuleSet ruleSet, Targets targets) {
		this.ruleSet = ruleSet;
		this.targets = targets;
	}

	RouteDecision decide(String method, String rawPath, ForcedSide forced, Supplier<String> stickyKey) {
		Optional<Match> match = ruleSet.match(method, rawPath);
		if (match.isEmpty()) {
			return legacy(RouteDecision.DEFAULT_ROUTE);
		}
		RouteRule rule = match.get().rule();
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
		if (!toNew) {
			return legacy(rule.id());
		}
		URI uri = targets.uriOf(rule.target());
		if (uri == null) {
			// Rules from configuration are validated at start; a rule applied at runtime could still name a
			// target this instance does not know. Staying on the monolith is the safe side.
			return legacy(rule.id());
		}
		return new RouteDecision(rule.id(), rule.target(), uri);
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

	private RouteDecision legacy(String routeId) {
		return new RouteDecision(routeId, Targets.LEGACY, targets.legacy());
	}

}
