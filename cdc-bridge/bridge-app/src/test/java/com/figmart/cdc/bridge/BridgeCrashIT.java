package com.figmart.cdc.bridge;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.figmart.platform.postgres.EmbeddedPostgresServer;
import com.figmart.platform.process.JavaProcess;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bridge as a separate JVM, killed with -9 again and again while a steady stream of inserts with
 * increasing ids runs into the source and the bridge lags behind; PostgreSQL (owned by this test, durable,
 * on its own data directory) is restarted under the running bridge a few times, every other time after an
 * immediate shutdown (no checkpoint, crash recovery on start). Afterwards every id is on the target
 * exactly once and the checksums of both sides match.
 * <p>
 * Uses a generic mapping given on the command line ({@code app.events} to {@code sink.events}): the core
 * is mapping-driven. Size: {@code -Dfigmart.crash.kills=3 -Dfigmart.crash.restarts=1} by default (CI);
 * the full run is {@code -Dfigmart.crash.kills=50 -Dfigmart.crash.restarts=5}.
 */
class BridgeCrashIT {

	private static final Logger log = LoggerFactory.getLogger(BridgeCrashIT.class);

	private static final int KILLS = Integer.getInteger("figmart.crash.kills", 3);

	private static final int RESTARTS = Integer.getInteger("figmart.crash.restarts", 1);

	/** Debezium's log level in the bridges; INFO shows the stored offsets and the slot positions they resume from. */
	private static final String DEBEZIUM_LOG = System.getProperty("figmart.crash.debezium-log", "WARN");

	/** More arguments for every bridge, separated by spaces, such as {@code --logging.level.x=DEBUG}. */
	private static final List<String> BRIDGE_ARGS = List.of(System.getProperty("figmart.crash.bridge-args", "").split(" +"))
		.stream().filter((arg) -> !arg.isBlank()).toList();

	@TempDir
	Path work;

	private EmbeddedPostgresServer postgres;

	@Test
	void noRowIsLostOrDuplicatedAcrossKillsOfTheBridgeAndRestartsOfPostgres() throws Exception {
		int pgPort = JavaProcess.freePort();
		var dataDirectory = this.work.resolve("postgres");
		this.postgres = EmbeddedPostgresServer.start(dataDirectory, pgPort, EmbeddedPostgresServer.Durability.DURABLE, false);
		try {
			this.postgres.createDatabaseIfMissing("crash_source");
			this.postgres.createDatabaseIfMissing("crash_target");
			var sourceUrl = this.postgres.jdbcUrl("crash_source");
			var targetUrl = this.postgres.jdbcUrl("crash_target");
			CatalogDatabases.execute(sourceUrl, "create schema app; create table app.events (id bigint primary key, payload text not null)");
			CatalogDatabases.execute(targetUrl, "create schema sink; create table sink.events (id bigint primary key, payload text not null)");

			var writer = new SteadyWriter(sourceUrl);
			var writerThread = new Thread(writer, "crash-writer");
			writerThread.start();
			int restartEvery = Math.max(1, KILLS / Math.max(1, RESTARTS));
			int restarts = 0;
			for (int kill = 1; kill <= KILLS; kill++) {
				var bridge = startBridge(sourceUrl, targetUrl, kill, true);
				try {
					Thread.sleep(ThreadLocalRandom.current().nextLong(500, 2500));
					if (restarts < RESTARTS && kill % restartEvery == 0) {
						restarts++;
						restartPostgresUnder(kill, restarts, writer, sourceUrl, targetUrl);
					}
				}
				catch (Throwable failure) {
					writer.running.set(false);
					throw failure;
				}
				finally {
					bridge.kill();
				}
				log.info("kill -9 {} of the bridge: {} rows written, {} on the target; {}", kill, writer.written.get(),
						CatalogDatabases.count(targetUrl, "select count(*) from sink.events"), positions(sourceUrl, targetUrl));
			}
			writer.running.set(false);
			writerThread.join();
			// the source is the truth: a last commit whose answer was lost may have happened after all
			long written = CatalogDatabases.count(sourceUrl, "select count(*) from app.events");
			assertThat(written).isGreaterThanOrEqualTo(writer.written.get());
			assertThat(CatalogDatabases.count(sourceUrl, "select max(id) from app.events")).isEqualTo(written);
			log.info("{} kills, {} PostgreSQL restarts, {} rows written; letting the bridge catch up", KILLS, restarts,
					written);

			try (var bridge = startBridge(sourceUrl, targetUrl, KILLS + 1, false)) {
				await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
					.until(() -> CatalogDatabases.count(targetUrl, "select count(*) from sink.events") >= written);
				var target = CatalogDatabases.query(targetUrl,
						"select count(*) as rows, count(distinct id) as ids, min(id) as low, max(id) as high, "
								+ "md5(string_agg(id || ':' || payload, ',' order by id)) as checksum from sink.events").get(0);
				var source = CatalogDatabases.query(sourceUrl,
						"select count(*) as rows, md5(string_agg(id || ':' || payload, ',' order by id)) as checksum from app.events").get(0);
				assertThat(source.get("rows")).isEqualTo(written);
				assertThat(target.get("rows")).isEqualTo(written);
				assertThat(target.get("ids")).isEqualTo(written);
				assertThat(target.get("low")).isEqualTo(1L);
				assertThat(target.get("high")).isEqualTo(written);
				assertThat(target.get("checksum")).isEqualTo(source.get("checksum"));
				assertThat(CatalogDatabases.count(targetUrl, "select count(*) from cdc_bridge.dead_letter")).isZero();
				log.info("RESULT: {} kills, {} restarts, {} rows: none missing, no duplicate, checksums equal ({})",
						KILLS, restarts, written, target.get("checksum"));
			}
		}
		catch (Throwable failure) {
			keepBridgeLogs();
			throw failure;
		}
		finally {
			if (this.postgres != null) {
				this.postgres.close();
			}
			FileSystemUtils.deleteRecursively(dataDirectory);
		}
	}

	/**
	 * Odd restarts cut the power (an immediate shutdown, crash recovery on start), even ones stop cleanly;
	 * either way the running bridge has to recover by itself, its engine restarting from the stored offsets.
	 */
	private void restartPostgresUnder(int kill, int restart, SteadyWriter writer, String sourceUrl, String targetUrl)
			throws Exception {
		boolean immediate = restart % 2 == 1;
		log.info("restart {} of PostgreSQL under the running bridge ({} shutdown)", restart, immediate ? "immediate" : "fast");
		var dataDirectory = this.postgres.dataDirectory();
		int port = this.postgres.port();
		if (immediate) {
			stopImmediately(dataDirectory);
		}
		this.postgres.close();
		this.postgres = EmbeddedPostgresServer.start(dataDirectory, port, EmbeddedPostgresServer.Durability.DURABLE, false);
		long writtenAtRestart = writer.written.get();
		try {
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
				.until(() -> CatalogDatabases.count(targetUrl, "select count(*) from sink.events") > writtenAtRestart);
		}
		catch (ConditionTimeoutException ex) {
			// the work directory is deleted with the test: what the bridge said goes into the failure
			throw new AssertionError("The running bridge did not catch up after restart " + restart + " of PostgreSQL; "
					+ positions(sourceUrl, targetUrl) + "; the end of its log:\n"
					+ tail(this.work.resolve("logs/bridge-" + kill + ".log"), 80), ex);
		}
	}

	/** Where the slot is and what the bridge stored: the stored position must never be behind the slot. */
	private static String positions(String sourceUrl, String targetUrl) {
		var slots = CatalogDatabases.query(sourceUrl,
				"select restart_lsn::text as restart, confirmed_flush_lsn::text as confirmed from pg_replication_slots");
		var offsets = CatalogDatabases.query(targetUrl, "select convert_from(offset_value, 'UTF8') as offset "
				+ "from cdc_bridge.source_offset where engine = 'crash_forward'");
		return "slot " + slots + ", stored " + offsets;
	}

	/**
	 * SIGQUIT to the postmaster: every server process exits at once, nothing is checkpointed, and the next
	 * start replays the WAL. The embedded server's own stop afterwards finds no server (and says so).
	 */
	private static void stopImmediately(Path dataDirectory) throws Exception {
		long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
		var signal = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start();
		assertThat(signal.waitFor()).as("kill -QUIT %d", pid).isZero();
		var postmaster = ProcessHandle.of(pid);
		if (postmaster.isPresent()) {
			postmaster.get().onExit().get(60, TimeUnit.SECONDS);
		}
	}

	/** The work directory goes with the test: a failed run leaves the bridges' logs in target/bridge-crash-logs. */
	private void keepBridgeLogs() throws IOException {
		var kept = Path.of("target", "bridge-crash-logs");
		FileSystemUtils.deleteRecursively(kept);
		FileSystemUtils.copyRecursively(this.work.resolve("logs"), kept);
		log.error("The bridges' logs are in {}", kept.toAbsolutePath());
	}

	private static String tail(Path log, int lines) throws IOException {
		List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of("(no log at " + log + ")");
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	/**
	 * @param lagging small batches and a slow poll, so that the bridge (about 320 rows/s) falls behind the
	 *        writer (about 500 rows/s) and every kill hits it with work in flight
	 */
	private JavaProcess startBridge(String sourceUrl, String targetUrl, int run, boolean lagging) {
		int port = JavaProcess.freePort();
		return JavaProcess.jar(Path.of(System.getProperty("figmart.jar", "target/cdc-bridge.jar")))
			.name("cdc-bridge-" + run)
			.jvmArgs("-Xmx256m", "-XX:TieredStopAtLevel=1")
			.args(List.of("--server.port=" + port, "--figmart.cdc.name=crash", "--figmart.cdc.reverse=false",
					"--figmart.cdc.source.url=" + sourceUrl, "--figmart.cdc.target.url=" + targetUrl,
					"--figmart.cdc.engine.max-batch-size=" + (lagging ? 32 : 2048),
					"--figmart.cdc.engine.poll-interval=" + (lagging ? "100ms" : "20ms"),
					"--figmart.cdc.engine.offset-flush-interval=300ms", "--figmart.cdc.engine.restart-delay=500ms",
					"--figmart.cdc.engine.heartbeat-interval=1s",
					"--figmart.cdc.mappings[0].name=events", "--figmart.cdc.mappings[0].source-table=app.events",
					"--figmart.cdc.mappings[0].target-table=sink.events", "--figmart.cdc.mappings[0].key[0]=id",
					"--figmart.cdc.mappings[0].fields.id=id", "--figmart.cdc.mappings[0].fields.payload=payload",
					"--logging.level.io.debezium=" + DEBEZIUM_LOG, "--logging.level.org.apache.kafka=WARN"))
			.args(BRIDGE_ARGS)
			.log(this.work.resolve("logs/bridge-" + run + ".log"))
			.readyWhen(URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness"))
			.readyTimeout(Duration.ofMinutes(2))
			.start();
	}

	/**
	 * Inserts ids 1, 2, 3, ... in transactions of five rows, about 500 rows a second, riding out restarts of
	 * the server: a transaction whose commit may or may not have happened is retried with the same ids and
	 * {@code on conflict do nothing}, so the source holds each id once and no id is skipped.
	 */
	static final class SteadyWriter implements Runnable {

		final AtomicBoolean running = new AtomicBoolean(true);

		final AtomicLong written = new AtomicLong();

		private final String url;

		SteadyWriter(String url) {
			this.url = url;
		}

		@Override
		public void run() {
			Connection connection = null;
			while (this.running.get()) {
				long first = this.written.get() + 1;
				try {
					if (connection == null) {
						connection = DriverManager.getConnection(this.url, "postgres", "");
					}
					try (var insert = connection.prepareStatement("insert into app.events (id, payload) "
							+ "select g, 'payload ' || g || ' ' || md5(g::text) from generate_series(?, ?) g on conflict (id) do nothing")) {
						insert.setLong(1, first);
						insert.setLong(2, first + 4);
						insert.executeUpdate();
					}
					this.written.set(first + 4);
					Thread.sleep(10);
				}
				catch (SQLException ex) {
					close(connection);
					connection = null;
					sleep(200);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			close(connection);
		}

		private static void close(Connection connection) {
			try {
				if (connection != null) {
					connection.close();
				}
			}
			catch (SQLException ignored) {
				// the server went away
			}
		}

		private static void sleep(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}
}
