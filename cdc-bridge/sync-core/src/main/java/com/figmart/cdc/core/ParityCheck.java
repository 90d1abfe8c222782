package com.figmart.cdc.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * Compares a mapping's source and target tables row by row: every source row is converted through the
 * mapping and compared with the target row of the same key, field by field, as PostgreSQL prints the
 * values as text (in UTC). Keys of the target's documents that the mapping does not know are not compared.
 * <p>
 * It reads both tables whole (one digest per row in memory), so it is meant for tables of up to some
 * millions of rows; writes that are still in flight show up as differences, so run it when lag is zero.
 */
public final class ParityCheck {

	private final TableMapping mapping;

	private final int maxNamed;

	public ParityCheck(TableMapping mapping, int maxNamed) {
		this.mapping = mapping;
		this.maxNamed = maxNamed;
	}

	/**
	 * @param deadLetterStores the databases holding the {@code cdc_bridge.dead_letter} of this mapping and of
	 *        its reverse (the target, and the source when the bridge also runs in reverse)
	 */
	public ParityReport run(DataSource source, DataSource target, DataSource... deadLetterStores) {
		var sourceRows = read(source, this.mapping.source(), this.mapping.key(),
				this.mapping.fields().stream().map(FieldMapping::source).toList(), true);
		var targetRows = read(target, this.mapping.target(), this.mapping.targetKey(),
				this.mapping.fields().stream().map(FieldMapping::target).toList(), false);
		var letters = new HashSet<String>();
		for (var store : deadLetterStores) {
			letters.addAll(deadLetteredKeys(store));
		}
		var missing = new TreeSet<String>();
		var extra = new TreeSet<String>();
		var different = new TreeSet<String>();
		var dead = new TreeSet<String>();
		long differing = 0;
		for (var entry : sourceRows.digests.entrySet()) {
			var targetDigest = targetRows.digests.get(entry.getKey());
			if (entry.getValue().equals(targetDigest)) {
				continue;
			}
			differing++;
			var list = letters.contains(entry.getKey()) ? dead : (targetDigest == null) ? missing : different;
			add(list, entry.getKey());
		}
		for (var key : targetRows.digests.keySet()) {
			if (!sourceRows.digests.containsKey(key)) {
				differing++;
				add(letters.contains(key) ? dead : extra, key);
			}
		}
		return new ParityReport(this.mapping.name(), sourceRows.digests.size(), targetRows.digests.size(),
				sourceRows.checksum(), targetRows.checksum(), differing, List.copyOf(missing), List.copyOf(extra),
				List.copyOf(different), List.copyOf(dead), Instant.now());
	}

	private void add(TreeSet<String> list, String key) {
		list.add(key);
		if (list.size() > this.maxNamed) {
			list.pollLast();
		}
	}

	private Set<String> deadLetteredKeys(DataSource database) {
		try (var connection = database.getConnection();
				var query = connection.prepareStatement(
						"select distinct row_key from cdc_bridge.dead_letter where mapping in (?, ?)")) {
			query.setString(1, this.mapping.name());
			query.setString(2, this.mapping.reversed().name());
			var keys = new HashSet<String>();
			try (var result = query.executeQuery()) {
				while (result.next()) {
					keys.add(result.getString(1));
				}
			}
			return keys;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the dead letters: " + ex.getMessage(), ex);
		}
	}

	private Rows read(DataSource database, TableName table, List<FieldPath> key, List<FieldPath> fields,
			boolean convert) {
		var columns = new ArrayList<String>();
		key.forEach(path -> columns.add(expression(path)));
		fields.forEach(path -> columns.add(expression(path)));
		var sql = "select " + String.join(", ", columns) + " from " + table;
		var rows = new Rows();
		try (var connection = database.getConnection()) {
			utc(connection);
			connection.setAutoCommit(false); // lets the driver stream with a fetch size
			try (var statement = connection.createStatement()) {
				statement.setFetchSize(5000);
				try (var result = statement.executeQuery(sql)) {
					while (result.next()) {
						var keyValues = new ArrayList<String>();
						for (int i = 0; i < key.size(); i++) {
							keyValues.add(result.getString(i + 1));
						}
						var values = new ArrayList<String>();
						for (int i = 0; i < fields.size(); i++) {
							String value = result.getString(key.size() + i + 1);
							values.add(convert ? converted(i, value) : value);
						}
						rows.add(RowKeys.text(keyValues), values);
					}
				}
			}
			connection.rollback();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read " + table + ": " + ex.getMessage(), ex);
		}
		return rows;
	}

	private String converted(int field, String value) {
		try {
			var converted = this.mapping.fields().get(field).conversion().forward(value);
			return (converted != null) ? converted.toString() : null;
		}
		catch (Conversion.ConversionFailedException ex) {
			return "\u0000cannot convert: " + value;
		}
	}

	private static void utc(Connection connection) throws SQLException {
		try (var statement = connection.createStatement()) {
			statement.execute("set timezone = 'UTC'");
		}
	}

	private static String expression(FieldPath path) {
		return path.inDocument() ? path.column() + " ->> '" + path.jsonKey().replace("'", "''") + "'"
				: path.column() + "::text";
	}

	private static final class Rows {

		final Map<String, Long> digests = new HashMap<>();

		private long sum;

		private final MessageDigest sha;

		Rows() {
			try {
				this.sha = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		void add(String key, List<String> values) {
			var text = key + "\u0001" + values.stream().map(value -> (value != null) ? value : "\u0002null")
				.collect(Collectors.joining("\u0001"));
			var hash = this.sha.digest(text.getBytes(StandardCharsets.UTF_8));
			long digest = 0;
			for (int i = 0; i < 8; i++) {
				digest = (digest << 8) | (hash[i] & 0xFF);
			}
			this.digests.put(key, digest);
			this.sum += digest;
		}

		/** Order-independent: the sum of the row digests. */
		String checksum() {
			return String.format("%016x", this.sum);
		}
	}
}
