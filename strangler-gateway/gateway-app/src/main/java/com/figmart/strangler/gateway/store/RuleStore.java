package com.figmart.strangler.gateway.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.figmart.strangler.gateway.AutomaticRollback;
import com.figmart.strangler.gateway.GatewayRule;
import com.figmart.strangler.gateway.LiveRules;
import com.figmart.strangler.rules.Mode;
import com.figmart.strangler.rules.PathPattern;
import com.figmart.strangler.rules.RouteRule;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
			+ "updated_by";

	private static final String CHANGE_COLUMNS = "seq, rule_id, action, from_rule, to_rule, actor, automatic, reason, "
			+ "measurements, at";

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final LiveRules liveRules;

	private final Clock clock;

	private final Object refreshLock = new Object();

	private volatile long appliedSeq = -1;

	RuleStore(JdbcClient jdbc, TransactionOperations transactions, LiveRules liveRules, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.liveRules = liveRules;
		this.clock = clock;
	}

	/** Every stored rule, sorted by id; each rule's version is its stored version. */
	public List<GatewayRule> list() {
		return rules().stream().map(StoredRule::rule).toList();
	}

	/** Every stored rule with who changed it last, sorted by id. */
	public List<StoredRule> rules() {
		return jdbc.sql("select " + RULE_COLUMNS + " from gateway.rules order by id").query(RuleStore::rule).list();
	}

	/** The stored rule with this id. */
	public Optional<StoredRule> find(String id) {
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
			GatewayRule next = change.apply(current.rule());
			if (!id.equals(next.id())) {
				throw new IllegalArgumentException(
						"a change must keep the rule id '" + id + "', got '" + next.id() + "'");
			}
			StoredRule stored = stamped(next, basedOnVersion + 1, by);
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
		});
		applyCommittedChange();
		return updated;
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
			jdbc.sql("select " + RULE_COLUMNS + " from gateway.rules order by id").query((rs) -> {
				try {
					rules.add(rule(rs, 0).rule());
				}
				catch (RuntimeException ex) {
					logger.error("Ignoring stored rule '" + rs.getString("id") + "': " + ex.getMessage());
				}
			});
			liveRules.replaceAll(rules);
			appliedSeq = seq;
			return true;
		}
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
		Instant at = (to != null) ? to.updatedAt() : clock.instant().truncatedTo(ChronoUnit.MILLIS);
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
		return new StoredRule(new GatewayRule(route, RuleJson.readPolicy(rs.getString("policy"))),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"));
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
