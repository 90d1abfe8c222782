package com.figmart.benchmarks.cdc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark's table on both sides, and the SQL that reads and writes it.
 * <p>
 * The source row takes {@code written_at = clock_timestamp()} when it is inserted; the target row takes
 * {@code applied_at = clock_timestamp()} when the replication inserts it (a column default: native logical
 * replication and any writer that does not name the column fill it, row by row). Both servers run on this machine
 * and read the same clock, so {@code applied_at - written_at} is the lag. The target also keeps {@code written_at}
 * as replicated, but lags are computed from the source's value, joined by id, so a replication that rounds
 * timestamps does not change the figures.
 */
final class BenchTable {

	static final String NAME = "bench_ticks";

	static final String SOURCE_DDL = """
			create table bench_ticks (
				id bigint primary key,
				payload text not null,
				written_at timestamptz not null default clock_timestamp()
			)""";

	static final String TARGET_DDL = """
			create table bench_ticks (
				id bigint primary key,
				payload text not null,
				written_at timestamptz,
				applied_at timestamptz not null default clock_timestamp()
			)""";

	/** The server's clock in microseconds since the epoch. */
	static final String NOW_MICROS = "(extract(epoch from clock_timestamp()) * 1000000)::bigint";

	/**
	 * The {@code applied_at} of the last row that the same target transaction applied: the row became visible at
	 * that transaction's commit, just after. {@code applied_at} is when the row itself was written; a replication
	 * that applies many rows per transaction shows them only at its end. (The commit timestamp itself cannot serve:
	 * native replication's apply worker records the source's commit time as the target transaction's.)
	 */
	static final String TRANSACTION_END = "max(applied_at) over (partition by xmin::text)";

	private BenchTable() {
	}

	static void createSource(Connection source) throws SQLException {
		try (Statement statement = source.createStatement()) {
			statement.execute(SOURCE_DDL);
		}
	}

	static void createTarget(Connection target) throws SQLException {
		try (Statement statement = target.createStatement()) {
			statement.execute(TARGET_DDL);
		}
	}

	static String payload(int bytes) {
		return "x".repeat(bytes);
	}

	/**
	 * Inserts the ids {@code from..to} (inclusive) in one transaction, with one {@code clock_timestamp()} per row.
	 * @return the server's clock when the commit had returned, µs
	 */
	static long insertRange(Connection source, long from, long to, int payloadBytes) throws SQLException {
		boolean autoCommit = source.getAutoCommit();
		source.setAutoCommit(false);
		try (PreparedStatement insert = source
			.prepareStatement("insert into bench_ticks (id, payload) select g, ? from generate_series(?::bigint, ?::bigint) g")) {
			insert.setString(1, payload(payloadBytes));
			insert.setLong(2, from);
			insert.setLong(3, to);
			insert.executeUpdate();
			source.commit();
		}
		finally {
			source.setAutoCommit(autoCommit);
		}
		return now(source);
	}

	static long now(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select " + NOW_MICROS)) {
			result.next();
			return result.getLong(1);
		}
	}

	/** How many transactions inserted the rows with ids {@code from..to} (inclusive). */
	static long transactions(Connection connection, long from, long to) throws SQLException {
		try (PreparedStatement count = connection
			.prepareStatement("select count(distinct xmin::text) from bench_ticks where id between ? and ?")) {
			count.setLong(1, from);
			count.setLong(2, to);
			try (ResultSet result = count.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	/** How many rows with ids in {@code from..to} (inclusive) the table has. */
	static long count(Connection connection, long from, long to) throws SQLException {
		try (PreparedStatement count = connection
			.prepareStatement("select count(*) from bench_ticks where id between ? and ?")) {
			count.setLong(1, from);
			count.setLong(2, to);
			try (ResultSet result = count.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	/**
	 * Reads one timestamp column (or {@link #TRANSACTION_END}) for the ids {@code from..to} (inclusive) into an array indexed by
	 * {@code id - from}, in µs since the epoch; {@link Long#MIN_VALUE} where the row is missing.
	 */
	static long[] micros(Connection connection, String column, long from, long to) throws SQLException {
		if (!column.equals("written_at") && !column.equals("applied_at") && !column.equals(TRANSACTION_END)) {
			throw new IllegalArgumentException(column);
		}
		long[] values = new long[Math.toIntExact(to - from + 1)];
		java.util.Arrays.fill(values, Long.MIN_VALUE);
		boolean autoCommit = connection.getAutoCommit();
		// A cursor (fetch size needs a transaction), not a million rows in memory at once.
		connection.setAutoCommit(false);
		try (PreparedStatement select = connection.prepareStatement("select id, (extract(epoch from " + column
				+ ") * 1000000)::bigint from bench_ticks where id between ? and ?")) {
			select.setFetchSize(20_000);
			select.setLong(1, from);
			select.setLong(2, to);
			try (ResultSet result = select.executeQuery()) {
				while (result.next()) {
					values[(int) (result.getLong(1) - from)] = result.getLong(2);
				}
			}
			connection.commit();
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
		return values;
	}

}
