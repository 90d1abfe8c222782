package com.figmart.benchmarks.cdc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL server (zonky's binaries, the ones the applications run on) with logical decoding on,
 * its data in a directory of the benchmark's work directory and its server log next to it.
 */
final class BenchPostgres implements AutoCloseable {

	/**
	 * What every server needs for logical replication. zonky itself starts the server with {@code -F} (fsync off)
	 * and {@code synchronous_commit=off}; {@link CdcBenchmark} sets both explicitly, so the report states what ran.
	 */
	static final Map<String, String> REQUIRED = Map.of("wal_level", "logical", "max_replication_slots", "10",
			"max_wal_senders", "10", "max_connections", "100");

	/** The settings the report lists for each server, as {@code SHOW} prints them. */
	static final String[] REPORTED = { "fsync", "synchronous_commit", "wal_writer_delay", "wal_level",
			"shared_buffers", "max_wal_size", "logical_decoding_work_mem", "wal_sender_timeout", "checkpoint_timeout" };

	private final String name;

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private BenchPostgres(String name, EmbeddedPostgres postgres, Path dataDirectory) {
		this.name = name;
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
	}

	/**
	 * @param settings server settings on top of {@link #REQUIRED}, e.g. {@code fsync=on}
	 */
	static BenchPostgres start(String name, Path workDir, Map<String, String> settings) {
		try {
			Path data = Files.createDirectories(workDir.resolve(name + "-data"));
			Path log = workDir.resolve(name + "-postgres.log");
			var builder = EmbeddedPostgres.builder()
				.setDataDirectory(data)
				.setCleanDataDirectory(true)
				.setPort(0)
				.setPGStartupWait(Duration.ofSeconds(60))
				.setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()))
				.setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()));
			Map<String, String> all = new LinkedHashMap<>(REQUIRED);
			all.putAll(settings);
			all.forEach(builder::setServerConfig);
			return new BenchPostgres(name, builder.start(), data);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start PostgreSQL '" + name + "': " + ex.getMessage(), ex);
		}
	}

	String name() {
		return name;
	}

	/** The postmaster's pid (its backends are its children), or -1. */
	long pid() {
		try {
			return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	int port() {
		return postgres.getPort();
	}

	String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
	}

	/** A libpq connection string, for {@code CREATE SUBSCRIPTION ... CONNECTION}. */
	String conninfo(String database) {
		return "host=127.0.0.1 port=" + port() + " dbname=" + database + " user=postgres";
	}

	Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
	}

	/** Drops the database (closing its sessions) and creates it empty. */
	void recreateDatabase(String database) throws SQLException {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + database + " with (force)");
			statement.execute("create database " + database);
		}
	}

	String show(String setting) throws SQLException {
		try (Connection connection = connect("postgres");
				ResultSet result = connection.createStatement().executeQuery("show " + setting)) {
			result.next();
			return result.getString(1);
		}
	}

	Map<String, String> reportedSettings() throws SQLException {
		Map<String, String> values = new LinkedHashMap<>();
		for (String setting : REPORTED) {
			values.put(setting, show(setting));
		}
		return values;
	}

	String version() throws SQLException {
		return show("server_version");
	}

	/**
	 * Drops the replication slots of a database that nothing uses any more (a slot keeps its database from being
	 * dropped, and its WAL on disk). Returns how many.
	 */
	int dropInactiveSlots(String database) throws SQLException {
		try (Connection connection = connect("postgres");
				var drop = connection.prepareStatement("select count(pg_drop_replication_slot(slot_name)) "
						+ "from pg_replication_slots where database = ? and not active")) {
			drop.setString(1, database);
			try (ResultSet result = drop.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

	void checkpoint() throws SQLException {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("checkpoint");
		}
	}

	@Override
	public void close() {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
