package com.figmart.strangler.gateway.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import com.figmart.strangler.gateway.AutomaticRollback;
import com.figmart.strangler.gateway.GatewayRule;
import com.figmart.strangler.gateway.LiveRules;
import com.figmart.strangler.gateway.WriteHolds;
import com.figmart.strangler.rules.Mode;
import com.figmart.strangler.rules.PathPattern;
import com.figmart.strangler.rules.RouteRule;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The gateway's rules in PostgreSQL: read, create, change and delete them, each change audited in the same
 * transaction and checked against the version it was based on.
 *
 * <p>A change is applied to this instance's {@link LiveRules} before the method returns; every other instance
 * notices it by polling the highest audit {@code seq} (see {@link #refresh()}).
 *
 * <p>Every method blocks on JDBC: from WebFlux, call it on {@code Schedulers.boundedElastic()} (this includes
 * {@link #rollBackToLegacy}, which a guard must not call on an event-loop thread).
 */
public class RuleStore implements AutomaticRollback {

	private static final Log logger = LogFactory.getLog(RuleStore.class);

	/**
	 * Key of the transaction-scoped advisory lock every change takes first. Changes are rare, and serialising them
	 * makes the audit {@code seq} grow in commit order, which is what lets the other instances poll a single number.
	 */
	private static final long CHANGE_LOCK = 0x66_69_67_67_77_72_75_6CL;

	private static final String RULE_COLUMNS = "id, methods, pattern, mode, target, policy, version, updated_at, "
			+ "updated_by, write_held_since, write_held_until, write_held_by, write_hold_reason";

	private static final String CHANGE_COLUMNS = "seq, rule_id, action, from_rule, to_rule, actor, automatic, reason, "
			+ "measurements, at";

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final LiveRules liveRules;

	private final WriteHolds writeHolds;

	private final Clock clock;

	private final Object refreshLock = new Object();

	private final String instanceId = "gateway-" + ProcessHandle.current().pid() + "-"
			+ UUID.randomUUID().toString().substring(0, 8);

	/** The holds this instance has started to acknowledge: rule id to the hold's start. */
	private final Map<String, Instant> acknowledged = new ConcurrentHashMap<>();

	private volatile Duration instanceTimeout = Duration.ofSeconds(3);

	private volatile long appliedSeq = -1;

	RuleStore(JdbcClient jdbc, TransactionOperations transactions, LiveRules liveRules, WriteHolds writeHolds,
			Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.liveRules = liveRules;
		this.writeHolds = writeHolds;
		this.clock = clock;
	}

	/** Every stored rule, sorted by id; each rule's version is its stored version. */
	public List<GatewayRule> list() {
		return rules().stream().map(StoredRule::rule).toList();
	}

	/** Every stored rule with who changed it last, sorted by id. */
	public List<StoredRule> rules() {
		Instant now = clock.instant();
		return jdbc.sql("select " + RULE_COLUMNS + " from gateway.rules order by id")
			.query(RuleStore::rule)
			.list()
			.stream()
			.map((rule) -> withoutEndedHold(rule, now))
			.toList();
	}

	/** The stored rule with this id. */
	public Optional<StoredRule> find(String id) {
		return findAsStored(id).map((rule) -> withoutEndedHold(rule, clock.instant()));
	}

	/** The row as it is, with its write hold even if it has ended. */
	private Optional<StoredRule> findAsStored(String id) {
		return jdbc.sql("select " + RULE_COLUMNS + " from gateway.rules where id = ?")
			.param(id)
			.query(RuleStore::rule)
			.optional();
	}

	/**
	 * Stores a new rule at version 1.
	 *
	 * @throws RuleAlreadyExistsException if the id is taken
	 */
	public StoredRule create(GatewayRule rule, Attribution by) {
		StoredRule created = transactions.execute((status) -> {
			lockChanges();
			find(rule.id()).ifPresent((existing) -> {
				throw new RuleAlreadyExistsException(existing);
			});
			StoredRule stored = stamped(rule, 1, by);
			insert(stored);
			audit(RuleChangeRecord.Action.CREATE, rule.id(), null, stored, by);
			return stored;
		});
		applyCommittedChange();
		return created;
	}

	/**
	 * Changes a rule, if it is still at {@code basedOnVersion}; the new version is one more.
	 *
	 * @param change the new rule given the stored one (same id; its version is ignored)
	 * @throws RuleNotFoundException if there is no such rule
	 * @throws RuleVersionConflictException if the rule is at another version; nothing is changed
	 */
	public StoredRule update(String id, long basedOnVersion, UnaryOperator<GatewayRule> change, Attribution by) {
		StoredRule updated = transactions.execute((status) -> {
			lockChanges();
			StoredRule current = find(id).orElseThrow(() -> new RuleNotFoundException(id));
			if (current.version() != basedOnVersion) {
				throw new RuleVersionConflictException(basedOnVersion, current);
			}
			return updateLocked(current, change.apply(current.rule()), by);
		});
		applyCommittedChange();
		return updated;
	}

	/** Writes and audits the next version of a rule; the caller holds the change lock and checked the version. */
	private StoredRule updateLocked(StoredRule current, GatewayRule next, Attribution by) {
		String id = current.id();
		long basedOnVersion = current.version();
		if (!id.equals(next.id())) {
			throw new IllegalArgumentException("a change must keep the rule id '" + id + "', got '" + next.id() + "'");
		}
		// a change of the rule leaves its write hold as it is (a cutover changes the mode of a held rule)
		StoredRule stored = stamped(next, basedOnVersion + 1, by).withWriteHold(current.writeHold());
		int rows = jdbc.sql("""
				update gateway.rules
				set methods = cast(:methods as jsonb), pattern = :pattern, mode = :mode, target = :target,
					policy = cast(:policy as jsonb), version = version + 1, updated_at = :updatedAt,
					updated_by = :updatedBy
				where id = :id and version = :basedOn""")
			.params(columns(stored))
			.param("basedOn", basedOnVersion)
			.update();
		if (rows != 1) {
			// cannot happen under the lock, but the version check belongs to the statement that writes
			throw new RuleVersionConflictException(basedOnVersion,
					find(id).orElseThrow(() -> new RuleNotFoundException(id)));
		}
		audit(RuleChangeRecord.Action.UPDATE, id, current, stored, by);
		return stored;
	}

	/**
	 * Holds the rule's writes from now for {@code duration} on every gateway instance (see {@link WriteHolds}),
	 * replacing a hold that is on already. The rule and its version stay as they are; the hold is audited as
	 * {@link RuleChangeRecord.Action#HOLD}. The caller bounds the duration.
	 *
	 * @return the rule with its hold
	 * @throws RuleNotFoundException if there is no such rule
	 */
	public StoredRule hold(String id, Duration duration, Attribution by) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("a hold must last some time, was " + duration);
		}
		StoredRule held = transactions.execute((status) -> {
			lockChanges();
			StoredRule current = find(id).orElseThrow(() -> new RuleNotFoundException(id));
			Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
			WriteHold hold = new WriteHold(now, now.plus(duration), by.actor(), by.reason());
			jdbc.sql("""
					update gateway.rules
					set write_held_since = :since, write_held_until = :until, write_held_by = :by,
						write_hold_reason = :reason
					where id = :id""")
				.param("since", hold.heldSince().atOffset(ZoneOffset.UTC))
				.param("until", hold.heldUntil().atOffset(ZoneOffset.UTC))
				.param("by", hold.heldBy())
				.param("reason", hold.reason())
				.param("id", id)
				.update();
			StoredRule stored = current.withWriteHold(hold);
			audit(RuleChangeRecord.Action.HOLD, id, current, stored, by, now);
			return stored;
		});
		applyCommittedChange();
		return held;
	}

	/**
	 * Releases the rule's write hold, after setting its mode in the same transaction when {@code thenMode} is
	 * given: every instance then routes the writes it held by the new mode. Audited as an
	 * {@link RuleChangeRecord.Action#UPDATE} (the mode, if given) and a {@link RuleChangeRecord.Action#RELEASE}.
	 *
	 * @param thenMode the mode to set as the hold ends, or {@code null} to leave the rule as it is
	 * @param basedOnVersion the version the release is based on, or {@code null} for any (only without a mode)
	 * @param margin a release with a mode needs at least this much of the hold left, so that every instance sees
	 *     the new mode before its copy of the hold ends by itself
	 * @return the rule after the release
	 * @throws RuleNotFoundException if there is no such rule
	 * @throws RuleVersionConflictException if the rule is at another version; nothing is changed
	 * @throws WriteHoldNotActiveException if the rule is not held, or a mode is given and less than
	 *     {@code margin} of the hold is left; nothing is changed
	 */
	public StoredRule release(String id, @Nullable Mode thenMode, @Nullable Long basedOnVersion, Duration margin,
			Attribution by) {
		if (thenMode != null && basedOnVersion == null) {
			throw new IllegalArgumentException("a release that changes the mode must be based on a version");
		}
		StoredRule released = transactions.execute((status) -> {
			lockChanges();
			StoredRule stored = findAsStored(id).orElseThrow(() -> new RuleNotFoundException(id));
			Instant now = clock.instant();
			StoredRule current = withoutEndedHold(stored, now);
			WriteHold hold = current.writeHold();
			if (hold == null) {
				throw new WriteHoldNotActiveException("rule '" + id + "' is not held"
						+ ((stored.writeHold() != null) ? ": its hold ended at " + stored.writeHold().heldUntil() : ""),
						current, stored.writeHold());
			}
			if (thenMode != null && Duration.between(now, hold.heldUntil()).compareTo(margin) < 0) {
				throw new WriteHoldNotActiveException("the hold of rule '" + id + "' ends at " + hold.heldUntil()
						+ ", less than " + margin.toMillis() + " ms from now: too late to change the mode with the "
						+ "release, the held writes could meet the old mode on another instance", current, hold);
			}
			if (basedOnVersion != null && current.version() != basedOnVersion) {
				throw new RuleVersionConflictException(basedOnVersion, current);
			}
			if (thenMode != null && !thenMode.equals(current.rule().rule().mode())) {
				current = updateLocked(current, withMode(current.rule(), thenMode), by);
			}
			jdbc.sql("""
					update gateway.rules
					set write_held_since = null, write_held_until = null, write_held_by = null,
						write_hold_reason = null
					where id = ?""")
				.param(id)
				.update();
			StoredRule after = current.withWriteHold(null);
			audit(RuleChangeRecord.Action.RELEASE, id, current, after, by,
					clock.instant().truncatedTo(ChronoUnit.MILLIS));
			return after;
		});
		applyCommittedChange();
		return released;
	}

	/** Sets the mode of a rule, if it is still at {@code basedOnVersion}; see {@link #update}. */
	public StoredRule changeMode(String id, long basedOnVersion, Mode mode, Attribution by) {
		return update(id, basedOnVersion, (rule) -> withMode(rule, mode), by);
	}

	/**
	 * Deletes a rule, if it is still at {@code basedOnVersion}.
	 *
	 * @throws RuleNotFoundException if there is no such rule
	 * @throws RuleVersionConflictException if the rule is at another version; nothing is deleted
	 */
	public void delete(String id, long basedOnVersion, Attribution by) {
		transactions.executeWithoutResult((status) -> {
			lockChanges();
			StoredRule current = find(id).orElseThrow(() -> new RuleNotFoundException(id));
			if (current.version() != basedOnVersion) {
				throw new RuleVersionConflictException(basedOnVersion, current);
			}
			int rows = jdbc.sql("delete from gateway.rules where id = ? and version = ?")
				.params(id, basedOnVersion)
				.update();
			if (rows != 1) {
				throw new RuleVersionConflictException(basedOnVersion,
						find(id).orElseThrow(() -> new RuleNotFoundException(id)));
			}
			audit(RuleChangeRecord.Action.DELETE, id, current, null, by);
		});
		applyCommittedChange();
	}

	/** The audited changes of one rule, newest first (also of a deleted rule). */
	public List<RuleChangeRecord> history(String ruleId) {
		return jdbc.sql("select " + CHANGE_COLUMNS + " from gateway.rule_changes where rule_id = ? order by seq desc")
			.param(ruleId)
			.query(RuleStore::change)
			.list();
	}

	/** The latest audited changes of all rules, newest first. */
	public List<RuleChangeRecord> recentChanges(int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		return jdbc.sql("select " + CHANGE_COLUMNS + " from gateway.rule_changes order by seq desc limit ?")
			.param(limit)
			.query(RuleStore::change)
			.list();
	}

	/**
	 * Sets the rule to LEGACY as actor {@value Attribution#GUARD}, audited as automatic with the measurements, if it
	 * is still at {@code observedVersion} and not LEGACY already.
	 */
	@Override
	public boolean rollBackToLegacy(String ruleId, long observedVersion, String reason,
			Map<String, Object> measurements) {
		Optional<StoredRule> current = find(ruleId);
		if (current.isEmpty() || current.get().version() != observedVersion
				|| current.get().rule().rule().mode().kind() == Mode.Kind.LEGACY) {
			return false;
		}
		try {
			changeMode(ruleId, observedVersion, Mode.LEGACY, Attribution.automatic(reason, measurements));
			logger.warn("Rule '" + ruleId + "' rolled back to LEGACY (was version " + observedVersion + "): " + reason
					+ " " + measurements);
			return true;
		}
		catch (RuleNotFoundException | RuleVersionConflictException ex) {
			return false;
		}
	}

	/**
	 * Stores the configured rules if the store has never held any rule (no audit record at all), audited as actor
	 * {@value Attribution#CONFIGURATION}. Deleting every rule later does not bring them back at the next start.
	 *
	 * @return whether the rules were stored
	 */
	boolean seed(Collection<GatewayRule> configured) {
		Boolean seeded = transactions.execute((status) -> {
			lockChanges();
			boolean used = jdbc.sql("select exists (select 1 from gateway.rule_changes)").query(Boolean.class).single();
			if (used) {
				return false;
			}
			Attribution by = Attribution.by(Attribution.CONFIGURATION,
					"seeded from figmart.gateway.rules on first start");
			for (GatewayRule rule : configured) {
				StoredRule stored = stamped(rule, 1, by);
				insert(stored);
				audit(RuleChangeRecord.Action.CREATE, rule.id(), null, stored, by);
			}
			return true;
		});
		return Boolean.TRUE.equals(seeded);
	}

	/**
	 * Loads every rule into {@link LiveRules} if the store has changed since the last load. Serialised, so a slow
	 * older load can never overwrite a newer one.
	 *
	 * @return whether the live rules were replaced
	 */
	boolean refresh() {
		synchronized (refreshLock) {
			long seq = jdbc.sql("select coalesce(max(seq), 0) from gateway.rule_changes").query(Long.class).single();
			if (seq == appliedSeq) {
				return false;
			}
			// read after the seq: these rules are at least as new as it
			List<GatewayRule> rules = new ArrayList<>();
			Map<String, WriteHold> holds = new HashMap<>();
			jdbc.sql("select " + RULE_COLUMNS + " from gateway.rules order by id").query((rs) -> {
				try {
					StoredRule stored = rule(rs, 0);
					rules.add(stored.rule());
					if (stored.writeHold() != null) {
						holds.put(stored.id(), stored.writeHold());
					}
				}
				catch (RuntimeException ex) {
					logger.error("Ignoring stored rule '" + rs.getString("id") + "': " + ex.getMessage());
				}
			});
			// the rules first: writes released by this reload are routed by the rules stored with the release
			liveRules.replaceAll(rules);
			writeHolds.apply(ends(holds));
			acknowledge(holds);
			appliedSeq = seq;
			return true;
		}
	}

	private static Map<String, Instant> ends(Map<String, WriteHold> holds) {
		Map<String, Instant> ends = new HashMap<>();
		holds.forEach((ruleId, hold) -> ends.put(ruleId, hold.heldUntil()));
		return ends;
	}

	/**
	 * For each hold this instance has just applied: once its unsafe requests of the rule that were under way are
	 * answered (or after the drain timeout), says so in the store, for whoever placed the hold.
	 */
	private void acknowledge(Map<String, WriteHold> holds) {
		acknowledged.keySet().retainAll(holds.keySet());
		Instant now = clock.instant();
		holds.forEach((ruleId, hold) -> {
			if (!hold.activeAt(now) || hold.heldSince().equals(acknowledged.get(ruleId))) {
				return;
			}
			acknowledged.put(ruleId, hold.heldSince());
			Duration drainFor = writeHolds.properties().drainTimeout();
			writeHolds.drained(ruleId, drainFor)
				.publishOn(Schedulers.boundedElastic())
				.subscribe((drained) -> recordDrain(ruleId, hold.heldSince(), drained),
						(ex) -> logger.warn("Cannot acknowledge the write hold of rule '" + ruleId + "': " + ex));
		});
	}

	private void recordDrain(String ruleId, Instant heldSince, boolean drained) {
		try {
			jdbc.sql("""
					insert into gateway.write_hold_drains (rule_id, instance_id, held_since, drained, at)
					values (?, ?, ?, ?, now())
					on conflict (rule_id, instance_id) do update
					set held_since = excluded.held_since, drained = excluded.drained, at = excluded.at""")
				.params(ruleId, instanceId, heldSince.atOffset(ZoneOffset.UTC), drained)
				.update();
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot acknowledge the write hold of rule '" + ruleId + "': " + ex.getMessage());
		}
	}

	/**
	 * How many gateway instances are alive (heard of within three heartbeat intervals, this one included once it
	 * has started) and how many of them have applied the hold that started at {@code heldSince} and have no unsafe
	 * request of the rule under way from before it.
	 */
	public HoldAcknowledgements acknowledgements(String ruleId, Instant heldSince) {
		return jdbc.sql("""
				select count(*) as live, count(d.instance_id) filter (where d.drained) as drained
				from gateway.instances i
				left join gateway.write_hold_drains d
					on d.instance_id = i.id and d.rule_id = ? and d.held_since = ?
				where i.seen_at > now() - make_interval(secs => ?)""")
			.params(ruleId, heldSince.atOffset(ZoneOffset.UTC), instanceTimeout.toMillis() / 1000.0)
			.query((rs, row) -> new HoldAcknowledgements(rs.getInt("live"), rs.getInt("drained")))
			.single();
	}

	/**
	 * Tells the store this instance is alive, by the database's clock (the instances' clocks may differ), and
	 * forgets instances not heard of for a day.
	 */
	void heartbeat(Duration timeout) {
		this.instanceTimeout = timeout;
		jdbc.sql("""
				insert into gateway.instances (id, seen_at) values (?, now())
				on conflict (id) do update set seen_at = excluded.seen_at""")
			.param(instanceId)
			.update();
		jdbc.sql("""
				with gone as (delete from gateway.instances where seen_at < now() - interval '1 day' returning id)
				delete from gateway.write_hold_drains where instance_id in (select id from gone)""")
			.update();
	}

	/** This instance stops: nobody waits for it any more. */
	void leave() {
		jdbc.sql("delete from gateway.write_hold_drains where instance_id = ?").param(instanceId).update();
		jdbc.sql("delete from gateway.instances where id = ?").param(instanceId).update();
	}

	/** This instance's name in the store. */
	public String instanceId() {
		return instanceId;
	}

	/**
	 * Applies a committed change here at once. The change is durable whatever happens now: if the reload fails,
	 * the poller applies it on its next successful round, so the caller is not told that the change failed.
	 */
	private void applyCommittedChange() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			logger.warn("Change stored, but reloading the rules failed; the poller will retry: " + ex.getMessage());
		}
	}

	/** The audit seq the live rules of this instance correspond to (at least). */
	long appliedSeq() {
		return appliedSeq;
	}

	static GatewayRule withMode(GatewayRule rule, Mode mode) {
		return new GatewayRule(rule.rule().withMode(mode, rule.rule().version()), rule.policy());
	}

	private void lockChanges() {
		jdbc.sql("select pg_advisory_xact_lock(?)").param(CHANGE_LOCK).query((rs) -> {
		});
	}

	private StoredRule stamped(GatewayRule rule, long version, Attribution by) {
		RouteRule r = rule.rule();
		return new StoredRule(
				new GatewayRule(new RouteRule(r.id(), r.methods(), r.pattern(), r.mode(), r.target(), version),
						rule.policy()),
				clock.instant().truncatedTo(ChronoUnit.MILLIS), by.actor());
	}

	private void insert(StoredRule stored) {
		jdbc.sql("""
				insert into gateway.rules (id, methods, pattern, mode, target, policy, version, updated_at, updated_by)
				values (:id, cast(:methods as jsonb), :pattern, :mode, :target, cast(:policy as jsonb), :version,
					:updatedAt, :updatedBy)""")
			.params(columns(stored))
			.param("version", stored.version())
			.update();
	}

	private void audit(RuleChangeRecord.Action action, String ruleId, StoredRule from, StoredRule to,
			Attribution by) {
		audit(action, ruleId, from, to, by,
				(to != null) ? to.updatedAt() : clock.instant().truncatedTo(ChronoUnit.MILLIS));
	}

	private void audit(RuleChangeRecord.Action action, String ruleId, StoredRule from, StoredRule to,
			Attribution by, Instant at) {
		jdbc.sql("""
				insert into gateway.rule_changes (rule_id, action, from_rule, to_rule, actor, automatic, reason,
					measurements, at)
				values (:ruleId, :action, cast(:from as jsonb), cast(:to as jsonb), :actor, :automatic, :reason,
					cast(:measurements as jsonb), :at)""")
			.param("ruleId", ruleId)
			.param("action", action.name())
			.param("from", (from != null) ? RuleJson.toJson(from).toString() : null, java.sql.Types.VARCHAR)
			.param("to", (to != null) ? RuleJson.toJson(to).toString() : null, java.sql.Types.VARCHAR)
			.param("actor", by.actor())
			.param("automatic", by.automatic())
			.param("reason", by.reason())
			.param("measurements", (by.measurements() != null) ? RuleJson.write(by.measurements()) : null,
					java.sql.Types.VARCHAR)
			.param("at", at.atOffset(ZoneOffset.UTC))
			.update();
	}

	private static Map<String, Object> columns(StoredRule stored) {
		RouteRule r = stored.rule().rule();
		return Map.of("id", r.id(), "methods", RuleJson.write(List.copyOf(r.methods())), "pattern",
				r.pattern().toString(), "mode", r.mode().toString(), "target", r.target(), "policy",
				RuleJson.toJson(stored.rule().policy()).toString(), "updatedAt",
				stored.updatedAt().atOffset(ZoneOffset.UTC), "updatedBy", stored.updatedBy());
	}

	private static StoredRule rule(ResultSet rs, int row) throws SQLException {
		RouteRule route = new RouteRule(rs.getString("id"),
				new LinkedHashSet<>(RuleJson.readStringList(rs.getString("methods"))),
				PathPattern.parse(rs.getString("pattern")), Mode.parse(rs.getString("mode")), rs.getString("target"),
				rs.getLong("version"));
		OffsetDateTime heldUntil = rs.getObject("write_held_until", OffsetDateTime.class);
		WriteHold hold = (heldUntil != null)
				? new WriteHold(rs.getObject("write_held_since", OffsetDateTime.class).toInstant(),
						heldUntil.toInstant(), rs.getString("write_held_by"), rs.getString("write_hold_reason"))
				: null;
		return new StoredRule(new GatewayRule(route, RuleJson.readPolicy(rs.getString("policy"))),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"), hold);
	}

	/** A hold that has ended stays in its row until the next hold or release; it is no hold. */
	private static StoredRule withoutEndedHold(StoredRule rule, Instant now) {
		return (rule.writeHold() != null && !rule.writeHold().activeAt(now)) ? rule.withWriteHold(null) : rule;
	}

	private static RuleChangeRecord change(ResultSet rs, int row) throws SQLException {
		String from = rs.getString("from_rule");
		String to = rs.getString("to_rule");
		return new RuleChangeRecord(rs.getLong("seq"), rs.getString("rule_id"),
				RuleChangeRecord.Action.valueOf(rs.getString("action")),
				(from != null) ? RuleJson.readStored(RuleJson.parse(from)) : null,
				(to != null) ? RuleJson.readStored(RuleJson.parse(to)) : null, rs.getString("actor"),
				rs.getBoolean("automatic"), rs.getString("reason"), RuleJson.readMap(rs.getString("measurements")),
				rs.getObject("at", OffsetDateTime.class).toInstant());
	}

	@Override
	public String toString() {
		return "RuleStore[appliedSeq=" + appliedSeq + "]";
	}

}
