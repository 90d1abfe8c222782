package com.figmart.cdc.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes captured changes of one mapping into its target table, idempotently and in order per row.
 * <p>
 * Every change is one statement that first compare-and-sets the row's position in
 * {@code cdc_bridge.applied_position} and writes the row only if that succeeded, that is if the change is
 * newer than the last one applied: a replayed or older change changes nothing. A batch runs as one
 * transaction (statements sent as JDBC batches); if the target refuses any of them, the batch is rolled
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

	/** Runs the statements in order, sending consecutive ones with the same SQL as one JDBC batch. */
	private int executeInRuns(Connection connection, List<Statement> statements) throws SQLException {
		int applied = 0;
		int start = 0;
		while (start < statements.size()) {
			var sql = statements.get(start).sql();
			int end = start;
			while (end < statements.size() && statements.get(end).sql().equals(sql)) {
				end++;
			}
			try (var prepared = connection.prepareStatement(sql)) {
				for (var statement : statements.subList(start, end)) {
					int index = bindClaim(prepared, 1, statement.change());
					for (var parameter : statement.parameters()) {
						if (parameter == null) {
							prepared.setNull(index++, Types.VARCHAR);
						}
						else {
							prepared.setObject(index++, parameter);
						}
					}
					prepared.addBatch();
				}
				for (int count : prepared.executeBatch()) {
					applied += (count > 0) ? 1 : 0;
				}
			}
			start = end;
		}
		return applied;
	}

	private record Statement(Change change, String sql, List<Object> parameters) {
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
			var sql = this.statements.computeIfAbsent("delete", ignored -> "with claimed as (" + CLAIM_POSITION
					+ ")\ndelete from " + this.mapping.target() + " where "
					+ keyColumns.stream().map(column -> column + " = cast(? as " + types.get(column) + ")")
						.collect(Collectors.joining(" and "))
					+ " and exists (select 1 from claimed)");
			return new Statement(change, sql, keyValues);
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
		var shape = "upsert:" + String.join(",", columns.keySet()) + ":" + String.join(",", documents.keySet());
		var sql = this.statements.computeIfAbsent(shape, ignored -> upsert(types, keyColumns,
				List.copyOf(columns.keySet()), List.copyOf(documents.keySet())));
		return new Statement(change, sql, parameters);
	}

	private String upsert(Map<String, String> types, List<String> keyColumns, List<String> columns,
			List<String> documents) {
		var all = new ArrayList<String>(columns);
		all.addAll(documents);
		var values = new ArrayList<String>();
		columns.forEach(column -> values.add("cast(? as " + type(types, column) + ")"));
		documents.forEach(document -> values.add("cast(? as jsonb)"));
		var updates = new ArrayList<String>();
		columns.stream().filter(column -> !keyColumns.contains(column))
			.forEach(column -> updates.add(column + " = excluded." + column));
		// merge, do not overwrite: keys of the target's document that the mapping does not know survive
		documents.forEach(document -> updates.add(document + " = coalesce(t." + document + ", '{}'::jsonb) || excluded."
				+ document));
		return "with claimed as (" + CLAIM_POSITION + ")\n" + "insert into " + this.mapping.target() + " as t ("
				+ String.join(", ", all) + ")\nselect " + String.join(", ", values)
				+ " where exists (select 1 from claimed)\non conflict (" + String.join(", ", keyColumns) + ") do "
				+ (updates.isEmpty() ? "nothing" : "update set " + String.join(", ", updates));
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
