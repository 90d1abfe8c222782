package com.figmart.strangler.gateway;

import java.util.Objects;

import com.figmart.strangler.rules.RouteRule;

/**
 * A routing rule as the gateway keeps it: the rule engine's {@link RouteRule} (method, pattern, mode,
 * target, version) and the gateway's own {@link RulePolicy}.
 */
public record GatewayRule(RouteRule rule, RulePolicy policy) {

	public GatewayRule {
		Objects.requireNonNull(rule, "rule");
		policy = (policy != null) ? policy : RulePolicy.DEFAULTS;
	}

	public String id() {
		return rule.id();
	}

}
