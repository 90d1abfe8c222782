package com.figmart.strangler.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable change to a {@link RuleSet}, prepared against the revision {@link #basedOnRevision()}.
 * It either replaces the whole rule list or puts (adds or updates, by id) and removes individual rules.
 *
 * <pre>{@code
 * RuleSet.Snapshot seen = ruleSet.snapshot();
 * ruleSet.apply(RuleChange.basedOn(seen.revision())
 *         .put(rule.withMode(Mode.canary(20), rule.version() + 1))
 *         .remove("old-rule")
 *         .build());
 * }</pre>
 */
public final class RuleChange {

	private final long basedOnRevision;
	private final boolean replaceAll;
	private final List<RouteRule> puts;
	private final Set<String> removals;

	private RuleChange(long basedOnRevision, boolean replaceAll, List<RouteRule> puts, Set<String> removals) {
		this.basedOnRevision = basedOnRevision;
		this.replaceAll = replaceAll;
		this.puts = puts;
		this.removals = removals;
	}

	/** Starts an incremental change based on {@code revision}. */
	public static Builder basedOn(long revision) {
		return new Builder(revision);
	}

	/** A change replacing every rule by {@code rules} (rule versions are not checked), based on {@code revision}. */
	public static RuleChange replaceAll(long revision, Collection<RouteRule> rules) {
		Builder builder = new Builder(revision);
		for (RouteRule rule : rules) {
			builder.put(rule);
		}
		return new RuleChange(revision, true, builder.frozenPuts(), Set.of());
	}

	public long basedOnRevision() {
		return basedOnRevision;
	}

	/** True if the change replaces all rules instead of editing them. */
	public boolean replacesAll() {
		return replaceAll;
	}

	/** Rules to add or update, at most one per id. */
	public List<RouteRule> puts() {
		return puts;
	}

	/** Ids of rules to remove. */
	public Set<String> removals() {
		return removals;
	}

	@Override
	public String toString() {
		return "RuleChange[basedOn=" + basedOnRevision + (replaceAll ? ", replaceAll" : "") + ", puts=" + puts
				+ ", removals=" + removals + "]";
	}

	public static final class Builder {

		private final long basedOnRevision;
		private final Map<String, RouteRule> puts = new LinkedHashMap<>();
		private final Set<String> removals = new LinkedHashSet<>();

		private Builder(long basedOnRevision) {
			if (basedOnRevision < 0) {
				throw new IllegalArgumentException("revision must be >= 0, was " + basedOnRevision);
			}
			this.basedOnRevision = basedOnRevision;
		}

		/** Adds a rule, or updates the rule with the same id (its version must then be greater). */
		public Builder put(RouteRule rule) {
			Objects.requireNonNull(rule, "rule must not be null");
			if (removals.contains(rule.id())) {
				throw new IllegalArgumentException("rule '" + rule.id() + "' is both put and removed in one change");
			}
			if (puts.putIfAbsent(rule.id(), rule) != null) {
				throw new IllegalArgumentException("rule '" + rule.id() + "' is put twice in one change");
			}
			return this;
		}

		/** Removes the rule with this id (it must exist). */
		public Builder remove(String ruleId) {
			Objects.requireNonNull(ruleId, "rule id must not be null");
			if (puts.containsKey(ruleId)) {
				throw new IllegalArgumentException("rule '" + ruleId + "' is both put and removed in one change");
			}
			removals.add(ruleId);
			return this;
		}

		public RuleChange build() {
			return new RuleChange(basedOnRevision, false, frozenPuts(),
					Collections.unmodifiableSet(new LinkedHashSet<>(removals)));
		}

		private List<RouteRule> frozenPuts() {
			return Collections.unmodifiableList(new ArrayList<>(puts.values()));
		}
	}
}
