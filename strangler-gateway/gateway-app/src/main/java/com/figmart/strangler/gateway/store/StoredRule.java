package com.figmart.strangler.gateway.store;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.figmart.strangler.gateway.GatewayRule;

/**
 * A rule as stored: the rule itself (whose {@link com.figmart.strangler.rules.RouteRule#version()} is the stored
 * version), who changed it last, when, and its write hold if one is on.
 *
 * @param writeHold the hold in effect when the rule was read, {@code null} for none (an expired hold is none)
 */
public record StoredRule(GatewayRule rule, Instant updatedAt, String updatedBy, @Nullable WriteHold writeHold) {

	public StoredRule {
		Objects.requireNonNull(rule, "rule");
		Objects.requireNonNull(updatedAt, "updatedAt");
		Objects.requireNonNull(updatedBy, "updatedBy");
	}

	/** A rule without a write hold. */
	public StoredRule(GatewayRule rule, Instant updatedAt, String updatedBy) {
		this(rule, updatedAt, updatedBy, null);
	}

	public String id() {
		return rule.id();
	}

	public long version() {
		return rule.rule().version();
	}

	/** The same rule with another write hold ({@code null} for none). */
	public StoredRule withWriteHold(@Nullable WriteHold hold) {
		return new StoredRule(rule, updatedAt, updatedBy, hold);
	}

}
