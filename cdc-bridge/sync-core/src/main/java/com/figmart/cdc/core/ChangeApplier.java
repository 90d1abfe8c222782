package com.figmart.cdc.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes captured changes of one mapping into its target table, idempotently and in order per row.
 * <p>
 * Every change first compare-and-sets the row's position in
 * {@code cdc_bridge.applied_position} and writes the row only if that succeeded, that is if the change is
 * newer than the last one applied: a replayed or older change changes nothing. A batch runs as one
 * transaction, consecutive changes of the same shape as one set-based statement (arrays unnested, the
 * positions claimed set-wise, the newest change per row); if the target refuses any of them, the batch is rolled
 * back and applied again change by change, and each refused change goes to {@code cdc_bridge.dead_letter}
 * (with its position, so that its replay is a no-op too).
 * <p>
 * Each transaction begins with a transactional logical decoding message with the echo prefix: a capture
 * of the target database recognises the bridge's own writes by it and does not send them back.
 */
public final class ChangeApplier {

	private static final Logger log = LoggerFactory.getLogger(ChangeApplier.class);

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CLAIM_POSITION = """
			insert into cdc_bridge.applied_position as p (mapping, row_key, commit_lsn, event_lsn, deleted)
			values (?, ?, ?, ?, ?)
			on conflict (mapping, row_key) do update
			set commit_lsn = excluded.commit_lsn, event_lsn = excluded.event_lsn, deleted = excluded.deleted,
			    applied_at = now()
			where (p.commit_lsn, p.event_lsn) < (excluded.commit_lsn, excluded.event_lsn)
			   or (excluded.commit_lsn = 0 and excluded.event_lsn = 0 and p.commit_lsn = 0 and p.event_lsn = 0)
			returning 1""";

	private final DataSource target;

	private final TableMapping mapping;

	private final String echoPrefix;

	private final Map<String, String> statements = new ConcurrentHashMap<>();

	private volatile Map<String, String> columnTypes;

	/**
	 * @param echoPrefix the prefix of the logical decoding message that marks the bridge's transactions,
	 *        or {@code null} for none
	 */
	public ChangeApplier(DataSource target, TableMapping mapping, String echoPrefix) {
		this.target = target;
		this.mapping = mapping;
		this.echoPrefix = echoPrefix;
	}

	public TableMapping mapping() {
		return this.mapping;
	}

	/** Applies the changes in order; returns once they are committed (or dead-lettered). */
	public ApplyResult apply(List<Change> changes) {
		if (changes.isEmpty()) {
			return ApplyResult.NONE;
		}
		List<Statement> converted;
		try {
			converted = changes.stream().map(this::statementFor).toList();
		}
		catch (Conversion.ConversionFailedException ex) {
			return applyOneByOne(changes);
		}
		try (var connection = this.target.getConnection()) {
			connection.setAutoCommit(false);
			try {
				emitEcho(connection);
				int applied = executeInRuns(connection, converted);
				connection.commit();
				return new ApplyResult(applied, changes.size() - applied, 0);
			}
			catch (SQLException ex) {
				connection.rollback();
				log.debug("{}: batch of {} refused ({}); applying change by change", this.mapping.name(),
						changes.size(), ex.getMessage());
			}
		}
		catch (SQLException ex) {
			throw new ApplyFailedException(this.mapping.name() + ": cannot reach the target: " + ex.getMessage(), ex);
		}
		return applyOneByOne(changes);
	}

	/**
	 * Records the change as a dead letter with the reason, without applying it. Idempotent like an
	 * apply: a replay of the same change adds no second letter.
	 */
	public void deadLetter(Change change, String reason) {
		try (var connection = this.target.getConnection()) {
			connection.setAutoCommit(false);
			insertDeadLetter(connection, change, reason);
			connection.commit();
		}
		catch (SQLException ex) {
			throw new ApplyFailedException(this.mapping.name() + ": cannot record a dead letter: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Forgets the applied positions of this mapping: before a fresh snapshot, whose rows must overwrite
	 * whatever an earlier run had streamed.
	 */
	public void forgetPositions() {
		try (var connection = this.target.getConnection();
				var delete = connection.prepareStatement("delete from cdc_bridge.applied_position where mapping = ?")) {
			delete.setString(1, this.mapping.name());
			delete.executeUpdate();
		}
		catch (SQLException ex) {
			throw new ApplyFailedException(this.mapping.name() + ": cannot reset positions: " + ex.getMessage(), ex);
		}
	}

	private ApplyResult applyOneByOne(List<Change> changes) {
		var result = ApplyResult.NONE;
		try (var connection = this.target.getConnection()) {
			connection.setAutoCommit(false);
			for (var change : changes) {
				String reason;
				try {
					var statement = statementFor(change);
					emitEcho(connection);
					int applied = executeInRuns(connection, List.of(statement));
					connection.commit();
					result = result.plus(new ApplyResult(applied, 1 - applied, 0));
					continue;
				}
				catch (Conversion.ConversionFailedException ex) {
					reason = "cannot convert: " + ex.getMessage();
				}
				catch (SQLException ex) {
					connection.rollback();
					if (isConnectionProblem(ex)) {
						throw ex;
					}
					reason = "refused by the target: " + ex.getMessage();
				}
				log.warn("{}: dead letter for key {} at {}: {}", this.mapping.name(), change.keyText(),
						change.position(), reason);
				int recorded = insertDeadLetter(connection, change, reason);
				connection.commit();
				result = result.plus(new ApplyResult(0, 1 - recorded, recorded));
			}
		}
		catch (SQLException ex) {
			throw new ApplyFailedException(this.mapping.name() + ": cannot apply: " + ex.getMessage(), ex);
		}
		return result;
	}

	private static boolean isConnectionProblem(SQLException ex) {
		var state = ex.getSQLState();
		return state != null && (state.startsWith("08") || state.startsWith("57"));
	}

	private void emitEcho(Connection connection) throws SQLException {
		if (this.echoPrefix == null) {
			return;
		}
		try (var emit = connection.prepareStatement("select pg_logical_emit_message(true, ?, ?)")) {
			emit.setString(1, this.echoPrefix);
			emit.setString(2, this.mapping.name());
			emit.executeQuery().close();
		}
	}

	private int insertDeadLetter(Connection connection, Change change, String reason) throws SQLException {
		var sql = "with claimed as (" + CLAIM_POSITION + ")\n"
				+ "insert into cdc_bridge.dead_letter (mapping, row_key, commit_lsn, event_lsn, operation, payload, reason)\n"
				+ "select ?, ?, ?, ?, ?, cast(? as jsonb), ? where exists (select 1 from claimed)";
		try (var insert = connection.prepareStatement(sql)) {
			int index = bindClaim(insert, 1, change);
			insert.setString(index++, this.mapping.name());
			insert.setString(index++, change.keyText());
			insert.setLong(index++, change.position().commitLsn());
			insert.setLong(index++, change.position().eventLsn());
			insert.setString(index++, change.operation().name());
			insert.setString(index++, payload(change));
			insert.setString(index, reason);
			return insert.executeUpdate();
		}
	}

	private static String payload(Change change) {
		var document = new LinkedHashMap<String, Object>();
		change.key().forEach((path, value) -> document.put(path.toString(), value));
		change.values().forEach((path, value) -> document.put(path.toString(), value));
		return JSON.writeValueAsString(document);
	}

	private int bindClaim(PreparedStatement statement, int index, Change change) throws SQLException {
		statement.setString(index++, this.mapping.name());
		statement.setString(index++, change.keyText());
		statement.setLong(index++, change.position().commitLsn());
		statement.setLong(index++, change.position().eventLsn());
		statement.setBoolean(index++, change.isDelete());
		return index;
	}

	/**
	 * Runs the statements in order: consecutive ones of the same shape as one set-based statement. Within
	 * such a run only the newest change of each row is sent (two changes of one row in one statement are
	 * not allowed, and with the same fields the newest one decides the row alone); the ones it supersedes
	 * count as applied when it is, unless an earlier change of the run was already as new (a duplicate or
	 * an older change, skipped as when applied one by one).
	 */
	private int executeInRuns(Connection connection, List<Statement> statements) throws SQLException {
		int applied = 0;
		int start = 0;
		while (start < statements.size()) {
			var shape = statements.get(start).shape();
			int end = start;
			while (end < statements.size() && statements.get(end).shape().equals(shape)) {
				end++;
			}
			var run = statements.subList(start, end);
			var newest = new LinkedHashMap<String, Statement>();
			for (var statement : run) {
				newest.merge(statement.change().keyText(), statement,
						(kept, next) -> (next.change().position().compareTo(kept.change().position()) >= 0) ? next : kept);
			}
			var written = executeSetWise(connection, List.copyOf(newest.values()));
			var seen = new HashMap<String, Position>();
			for (var statement : run) {
				var key = statement.change().keyText();
				var position = statement.change().position();
				var previous = seen.put(key, position);
				boolean stale = previous != null && (position.compareTo(previous) < 0
						|| (position.equals(previous) && !position.isSnapshot()));
				if (stale) {
					seen.put(key, previous);
				}
				applied += (!stale && written.contains(key)) ? 1 : 0;
			}
			start = end;
		}
		return applied;
	}

	/** One statement for changes of one shape and distinct rows; returns the keys of the rows it wrote. */
	private Set<String> executeSetWise(Connection connection, List<Statement> statements) throws SQLException {
		int size = statements.size();
		int width = statements.get(0).parameters().size();
		var keys = new String[size];
		var commitLsns = new Long[size];
		var eventLsns = new Long[size];
		var columns = new String[width][size];
		for (int row = 0; row < size; row++) {
			var change = statements.get(row).change();
			keys[row] = change.keyText();
			commitLsns[row] = change.position().commitLsn();
			eventLsns[row] = change.position().eventLsn();
			var parameters = statements.get(row).parameters();
			for (int column = 0; column < width; column++) {
				columns[column][row] = (String) parameters.get(column);
			}
		}
		try (var prepared = connection.prepareStatement(statements.get(0).sql())) {
			int index = 1;
			prepared.setArray(index++, connection.createArrayOf("text", keys));
			prepared.setArray(index++, connection.createArrayOf("bigint", commitLsns));
			prepared.setArray(index++, connection.createArrayOf("bigint", eventLsns));
			for (var column : columns) {
				prepared.setArray(index++, connection.createArrayOf("text", column));
			}
			prepared.setString(index, this.mapping.name());
			var written = new HashSet<String>();
			try (var result = prepared.executeQuery()) {
				while (result.next()) {
					written.add(result.getString(1));
				}
			}
			return written;
		}
	}

	/**
	 * @param shape what decides the SQL and which fields the change writes: changes of one shape can be
	 *        sent together, and the newest of them decides the row alone
	 */
	private record Statement(Change change, String shape, String sql, List<Object> parameters) {
	}

	private Statement statementFor(Change change) {
		var types = columnTypes();
		var keyValues = new ArrayList<Object>();
		for (var keyField : this.mapping.key()) {
			var field = this.mapping.fieldFor(keyField).orElseThrow();
			keyValues.add(text(field.conversion().forward(change.key().get(keyField))));
		}
		var keyColumns = this.mapping.targetKey().stream().map(FieldPath::column).toList();
		if (change.isDelete()) {
			var sql = this.statements.computeIfAbsent("delete", ignored -> delete(types, keyColumns));
			return new Statement(change, "delete", sql, keyValues);
		}
		var columns = new LinkedHashMap<String, Object>();
		var documents = new LinkedHashMap<String, Map<String, Object>>();
		for (var field : this.mapping.fields()) {
			if (!change.values().containsKey(field.source())) {
				continue;
			}
			var value = field.conversion().forward(change.values().get(field.source()));
			var path = field.target();
			if (path.inDocument()) {
				documents.computeIfAbsent(path.column(), ignored -> new LinkedHashMap<>()).put(path.jsonKey(), value);
			}
			else {
				columns.put(path.column(), text(value));
			}
		}
		var parameters = new ArrayList<Object>(columns.values());
		for (var document : documents.values()) {
			parameters.add(JSON.writeValueAsString(document));
		}
		var sqlShape = "upsert:" + String.join(",", columns.keySet()) + ":" + String.join(",", documents.keySet());
		var sql = this.statements.computeIfAbsent(sqlShape, ignored -> upsert(types, keyColumns,
				List.copyOf(columns.keySet()), List.copyOf(documents.keySet())));
		// the keys inside the documents too: a change that sets fewer of them does not replace one that sets more
		var shape = sqlShape + ":" + documents.values().stream().map(document -> String.join(",", document.keySet()))
			.collect(Collectors.joining(";"));
		return new Statement(change, shape, sql, parameters);
	}

	/**
	 * The changes as rows of arrays (key text, position, then one text per value), and their positions
	 * claimed set-wise: {@code claimed} holds the rows whose change is newer than the one last applied.
	 */
	private static String claimedInput(List<String> valueNames, boolean delete) {
		var arrays = new ArrayList<String>(List.of("cast(? as text[])", "cast(? as bigint[])", "cast(? as bigint[])"));
		valueNames.forEach(name -> arrays.add("cast(? as text[])"));
		var names = new ArrayList<String>(List.of("row_key", "commit_lsn", "event_lsn"));
		names.addAll(valueNames);
		return "with input as (\nselect * from unnest(" + String.join(", ", arrays) + ") as i("
				+ String.join(", ", names) + ")\n), claimed as (\n"
				+ "insert into cdc_bridge.applied_position as p (mapping, row_key, commit_lsn, event_lsn, deleted)\n"
				+ "select cast(? as text), row_key, commit_lsn, event_lsn, " + delete + " from input\n"
				+ "on conflict (mapping, row_key) do update\n"
				+ "set commit_lsn = excluded.commit_lsn, event_lsn = excluded.event_lsn, deleted = excluded.deleted,\n"
				+ "    applied_at = now()\n"
				+ "where (p.commit_lsn, p.event_lsn) < (excluded.commit_lsn, excluded.event_lsn)\n"
				+ "   or (excluded.commit_lsn = 0 and excluded.event_lsn = 0 and p.commit_lsn = 0 and p.event_lsn = 0)\n"
				+ "returning p.row_key\n)\n";
	}

	private String delete(Map<String, String> types, List<String> keyColumns) {
		var names = new ArrayList<String>();
		for (int i = 0; i < keyColumns.size(); i++) {
			names.add("k" + i);
		}
		var matches = new ArrayList<String>();
		for (int i = 0; i < keyColumns.size(); i++) {
			matches.add("t." + keyColumns.get(i) + " = cast(i.k" + i + " as " + type(types, keyColumns.get(i)) + ")");
		}
		return claimedInput(names, true) + ", removed as (\ndelete from " + this.mapping.target()
				+ " as t using input i join claimed c on c.row_key = i.row_key\nwhere " + String.join(" and ", matches)
				+ "\nreturning i.row_key\n)\nselect row_key from removed";
	}

	private String upsert(Map<String, String> types, List<String> keyColumns, List<String> columns,
			List<String> documents) {
		var all = new ArrayList<String>(columns);
		all.addAll(documents);
		var names = new ArrayList<String>();
		var values = new ArrayList<String>();
		for (int i = 0; i < columns.size(); i++) {
			names.add("v" + i);
			values.add("cast(i.v" + i + " as " + type(types, columns.get(i)) + ")");
		}
		for (int i = 0; i < documents.size(); i++) {
			names.add("d" + i);
			values.add("cast(i.d" + i + " as jsonb)");
		}
		var updates = new ArrayList<String>();
		columns.stream().filter(column -> !keyColumns.contains(column))
			.forEach(column -> updates.add(column + " = excluded." + column));
		// merge, do not overwrite: keys of the target's document that the mapping does not know survive
		documents.forEach(document -> updates.add(document + " = coalesce(t." + document + ", '{}'::jsonb) || excluded."
				+ document));
		// a data-modifying CTE runs whether or not the query reads it
		return claimedInput(names, false) + ", written as (\ninsert into " + this.mapping.target() + " as t ("
				+ String.join(", ", all) + ")\nselect " + String.join(", ", values)
				+ " from input i join claimed c on c.row_key = i.row_key\non conflict (" + String.join(", ", keyColumns)
				+ ") do " + (updates.isEmpty() ? "nothing" : "update set " + String.join(", ", updates))
				+ "\n)\nselect row_key from claimed";
	}

	private String type(Map<String, String> types, String column) {
		var type = types.get(column);
		if (type == null) {
			throw new IllegalStateException(this.mapping.name() + ": " + this.mapping.target() + " has no column "
					+ column);
		}
		return type;
	}

	/** Values go to the database as text and are cast to the column's type there. */
	private static Object text(Object value) {
		return (value == null || value instanceof String) ? value : value.toString();
	}

	private Map<String, String> columnTypes() {
		var types = this.columnTypes;
		if (types == null) {
			types = ColumnTypes.of(this.target, this.mapping.target());
			this.columnTypes = types;
		}
		return types;
	}

	/** The target cannot be reached or does not answer as expected: the batch is not done. */
	public static final class ApplyFailedException extends RuntimeException {

		ApplyFailedException(String message, Throwable cause) {
			super(message, cause);
		}
	}
}
