package com.figmart.strangler.gateway;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.figmart.strangler.rules.Match;
import com.figmart.strangler.rules.RouteRule;
import com.figmart.strangler.rules.RuleChange;
import com.figmart.strangler.rules.RuleSet;

/**
 * The rules this gateway instance routes by right now: the indexed {@link RuleSet} and each rule's
 * {@link RulePolicy}.
 *
 * <p>Reads never lock. A replacement publishes the policies first and the index second, so a request that
 * finds a rule always finds its policy (at worst the policy of the very next version, a microsecond early).
 */
public final class LiveRules {

	private final RuleSet ruleSet = new RuleSet();

	private volatile Map<String, RulePolicy> policies = Map.of();

	public LiveRules(Collection<GatewayRule> initial) {
		replaceAll(initial);
	}

	/** The rule for a request, if any; see {@link RuleSet#match}. */
	public Optional<Match> match(String method, String rawPath) {
		return ruleSet.match(method, rawPath);
	}

	/** The policy of a rule, or the defaults if the rule is unknown. */
	public RulePolicy policyOf(String ruleId) {
		return policies.getOrDefault(ruleId, RulePolicy.DEFAULTS);
	}

	/** The rule with this id, if it is live. */
	public Optional<GatewayRule> rule(String ruleId) {
		RouteRule rule = ruleSet.index().rulesById().get(ruleId);
		return Optional.ofNullable(rule).map((r) -> new GatewayRule(r, policyOf(ruleId)));
	}

	/** Every live rule, in index order. */
	public List<GatewayRule> rules() {
		return ruleSet.index().rulesById().values().stream().map((r) -> new GatewayRule(r, policyOf(r.id()))).toList();
	}

	/** How many times the rules were replaced since start. */
	public long revision() {
		return ruleSet.revision();
	}

	/** Makes {@code rules} the live rules, all at once. */
	public synchronized void replaceAll(Collection<GatewayRule> rules) {
		Map<String, RulePolicy> next = new LinkedHashMap<>();
		for (GatewayRule rule : rules) {
			next.put(rule.id(), rule.policy());
		}
		Map<String, RulePolicy> merged = new LinkedHashMap<>(policies);
		merged.putAll(next);
		policies = merged;
		ruleSet.apply(RuleChange.replaceAll(ruleSet.revision(), rules.stream().map(GatewayRule::rule).toList()));
		policies = Map.copyOf(next);
	}

}
