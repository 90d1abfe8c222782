package com.figmart.strangler.gateway.store;

import java.time.Instant;
import java.util.Objects;

import com.figmart.strangler.gateway.GatewayRule;

/**
 * A rule as stored: the rule itself (whose {@link com.figmart.strangler.rules.RouteRule#version()} is the stored
 * version) and who changed it last, when.
 */
public record StoredRule(GatewayRule rule, Instant updatedAt, String updatedBy) {

	public StoredRule {
		Objects.requireNonNull(rule, "rule");
		Objects.requireNonNull(updatedAt, "updatedAt");
		Objects.requireNonNull(updatedBy, "updatedBy");
	}

	public String id() {
		return rule.id();
	}

	public long version() {
		return rule.rule().version();
	}

}
