package com.figmart.benchmarks.cdc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PostgreSQL's own logical replication: a publication of {@code bench_ticks} on the source and a subscription on
 * the target server (a separate server, so the subscription creates its slot itself), with the initial copy.
 * The subscription's options stay at their defaults ({@code streaming = off}, {@code binary = false},
 * {@code synchronous_commit = off} for the apply worker), unless {@code options} says otherwise.
 */
final class NativeReplication implements Replication {

	static final String PUBLICATION = "bench_publication";

	static final String SUBSCRIPTION = "bench_subscription";

	private final BenchPostgres source;

	private final String sourceDatabase;

	private final BenchPostgres target;

	private final String targetDatabase;

	private final String options;

	private boolean started;

	/**
	 * @param options extra subscription options, e.g. {@code streaming = on}, or empty
	 */
	NativeReplication(BenchPostgres source, String sourceDatabase, BenchPostgres target, String targetDatabase,
			String options) {
		this.source = source;
		this.sourceDatabase = sourceDatabase;
		this.target = target;
		this.targetDatabase = targetDatabase;
		this.options = options;
	}

	@Override
	public String name() {
		return "native";
	}

	@Override
	public void start() throws SQLException {
		try (Connection connection = source.connect(sourceDatabase); Statement statement = connection.createStatement()) {
			statement.execute("create publication " + PUBLICATION + " for table " + BenchTable.NAME);
		}
		try (Connection connection = target.connect(targetDatabase); Statement statement = connection.createStatement()) {
			statement.execute("create subscription " + SUBSCRIPTION + " connection '" + source.conninfo(sourceDatabase)
					+ "' publication " + PUBLICATION + " with (copy_data = true"
					+ (options.isBlank() ? "" : ", " + options) + ")");
		}
		started = true;
	}

	@Override
	public Map<String, String> settings() throws SQLException {
		Map<String, String> settings = new LinkedHashMap<>();
		try (Connection connection = target.connect(targetDatabase);
				ResultSet result = connection.createStatement()
					.executeQuery("select subsynccommit, substream, subbinary from pg_subscription where subname = '"
							+ SUBSCRIPTION + "'")) {
			if (result.next()) {
				settings.put("subscription synchronous_commit", result.getString(1));
				settings.put("subscription streaming", result.getString(2));
				settings.put("subscription binary", result.getString(3));
			}
		}
		settings.put("max_sync_workers_per_subscription (target)", target.show("max_sync_workers_per_subscription"));
		return settings;
	}

	@Override
	public void close() throws SQLException {
		if (!started) {
			return;
		}
		started = false;
		// Dropping the subscription also drops its slot on the source.
		try (Connection connection = target.connect(targetDatabase); Statement statement = connection.createStatement()) {
			statement.execute("drop subscription if exists " + SUBSCRIPTION);
		}
		try (Connection connection = source.connect(sourceDatabase); Statement statement = connection.createStatement()) {
			statement.execute("drop publication if exists " + PUBLICATION);
		}
	}

}
