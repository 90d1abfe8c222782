package com.figmart.strangler.rules;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live, switchable rules of a gateway: a copy-on-write holder of an immutable {@link RuleIndex}.
 *
 * <ul>
 *   <li><b>Reads</b> ({@link #match}, {@link #snapshot}) are a single volatile read of the current
 *       {@link Snapshot}; they never lock and never see a half-applied change. A request that needs several
 *       lookups against the same rules should take one {@link #snapshot()} and use its index.</li>
 *   <li><b>Writes</b> ({@link #apply}) build a complete new index off to the side from the current one plus
 *       the change, then publish it with one compare-and-set. Requests already in flight keep the index they
 *       started with; requests starting after the swap see the new one.</li>
 *   <li><b>Optimistic concurrency</b>: a change names the revision it was prepared against. If the rule set
 *       is at another revision, or a concurrent writer swaps first, the change is refused with a
 *       {@link RuleConflictException} and nothing changes. An updated rule must also carry a greater
 *       {@link RouteRule#version()} than the stored one. Every successful change increments the revision
 *       by one.</li>
 * </ul>
 */
public final class RuleSet {

	/** One published state: a revision and the index built for it. */
	public record Snapshot(long revision, RuleIndex index) {
		public Snapshot {
			Objects.requireNonNull(index, "index");
		}
	}

	private final AtomicReference<Snapshot> current;

	/** An empty rule set at revision 0. */
	public RuleSet() {
		this(List.of());
	}

	/** A rule set at revision 0 holding {@code initialRules}. */
	public RuleSet(Collection<RouteRule> initialRules) {
		this.current = new AtomicReference<>(new Snapshot(0, RuleIndex.of(initialRules)));
	}

	/** The current state; immutable, consistent. */
	public Snapshot snapshot() {
		return current.get();
	}

	public long revision() {
		return current.get().revision();
	}

	/** The current index. */
	public RuleIndex index() {
		return current.get().index();
	}

	/** Looks a request up in the current index (see {@link RuleIndex#match}). */
	public Optional<Match> match(String method, String path) {
		return current.get().index().match(method, path);
	}

	/**
	 * Applies a change atomically and returns the new snapshot.
	 *
	 * @throws RuleConflictException if the change is based on another revision, a concurrent change won the
	 *     swap, or an updated rule's version is not greater than the stored one
	 * @throws IllegalArgumentException if the change removes an unknown rule; nothing is changed
	 */
	public Snapshot apply(RuleChange change) {
		Objects.requireNonNull(change, "change must not be null");
		Snapshot base = current.get();
		if (change.basedOnRevision() != base.revision()) {
			throw new RuleConflictException("change based on revision " + change.basedOnRevision()
					+ " but the rule set is at revision " + base.revision(), change.basedOnRevision(),
					base.revision(), null);
		}
		Map<String, RouteRule> rules;
		if (change.replacesAll()) {
			rules = new LinkedHashMap<>();
			for (RouteRule rule : change.puts()) {
				rules.put(rule.id(), rule);
			}
		}
		else {
			rules = new LinkedHashMap<>(base.index().rulesById());
			for (String id : change.removals()) {
				if (rules.remove(id) == null) {
					throw new IllegalArgumentException("cannot remove rule '" + id + "': no such rule at revision "
							+ base.revision());
				}
			}
			for (RouteRule rule : change.puts()) {
				RouteRule stored = rules.get(rule.id());
				if (stored != null && rule.version() <= stored.version()) {
					throw new RuleConflictException("rule '" + rule.id() + "' has version " + stored.version()
							+ " at revision " + base.revision() + "; an update must carry a greater version, got "
							+ rule.version(), change.basedOnRevision(), base.revision(), rule.id());
				}
				rules.put(rule.id(), rule);
			}
		}
		Snapshot next = new Snapshot(base.revision() + 1, RuleIndex.of(rules.values()));
		if (!current.compareAndSet(base, next)) {
			long now = current.get().revision();
			throw new RuleConflictException("a concurrent change moved the rule set from revision " + base.revision()
					+ " to " + now + " while this change was being applied", change.basedOnRevision(), now, null);
		}
		return next;
	}

	@Override
	public String toString() {
		Snapshot s = current.get();
		return "RuleSet[revision=" + s.revision() + ", " + s.index().size() + " rules]";
	}
}
