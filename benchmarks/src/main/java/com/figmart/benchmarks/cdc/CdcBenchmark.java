package com.figmart.benchmarks.cdc;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.figmart.benchmarks.Durations;
import com.figmart.benchmarks.Machine;
import com.figmart.benchmarks.Options;

/**
 * The CDC benchmark of issue 4: the Figmart CDC bridge and PostgreSQL's own logical replication, one after the
 * other between the same two PostgreSQL servers, measured the same way from the rows alone (the source row's
 * {@code written_at} and the target row's {@code applied_at}, both {@code clock_timestamp()} on this machine):
 * backfill rows/s, lag at steady write rates, and the time to drain one large transaction. Prints progress, then a
 * Markdown report that it also writes to the results directory. See {@code benchmarks/cdc/README.md};
 * {@code benchmarks/cdc/run.sh} builds what is missing and calls this.
 */
public final class CdcBenchmark {

	static final Set<String> VALUED = Set.of("systems", "rates", "warmup", "duration", "window", "backfill-rows",
			"transaction-rows", "writers", "payload-bytes", "catch-up-timeout", "pg", "native-option", "bridge-jar",
			"bridge-config", "bridge-set", "bridge-jvm-arg", "bridge-arg", "java", "results-dir", "work-dir", "note");

	static final Set<String> FLAGS = Set.of("quick", "keep-work-dir", "help");

	/** Both servers; production-like durability (the bridge's DURABLE servers run the same). */
	static final Map<String, String> DEFAULT_SERVER_SETTINGS = orderedMap("fsync", "on", "synchronous_commit", "on",
			"wal_writer_delay", "200ms");

	static final String USAGE = String.join("\n",
			"Usage: benchmarks/cdc/run.sh [options]   (or java -cp benchmarks/target/benchmarks.jar com.figmart.benchmarks.cdc.CdcBenchmark)",
			"  --quick                a smoke run with small sizes (about a minute per system); not for figures",
			"  --systems LIST         which replications, in order: native,bridge (default both; native only if no bridge jar)",
			"  --rates LIST           steady write rates in rows/s (default 1000,5000)",
			"  --warmup D             unmeasured writing before each rate (default 10s)",
			"  --duration D           measured writing at each rate (default 60s)",
			"  --window D             the lag's p99 per window of written time, to see it level or growing (default 10s)",
			"  --backfill-rows N      rows in the source before the replication starts (default 1000000)",
			"  --transaction-rows N   rows of the one large transaction (default 1000000)",
			"  --writers N            connections of the fixed-rate writer (default 8)",
			"  --payload-bytes N      payload text per row (default 100)",
			"  --catch-up-timeout D   how long to wait for the target after each phase (default 5m)",
			"  --pg NAME=VALUE        a server setting for both servers (repeatable); defaults fsync=on,",
			"                         synchronous_commit=on, wal_writer_delay=200ms",
			"  --native-option OPT    an extra CREATE SUBSCRIPTION option, e.g. 'streaming = on'",
			"  --bridge-jar PATH      default cdc-bridge/bridge-app/target/cdc-bridge.jar",
			"  --bridge-config PATH   the bridge's configuration template (default: the one in the benchmarks jar)",
			"  --bridge-set NAME=V    sets one of the bridge's settings in its configuration (repeatable), e.g.",
			"                         --bridge-set figmart.cdc.engine.poll-interval=10ms",
			"  --bridge-jvm-arg A     replaces the bridge's default JVM options (repeatable)",
			"  --bridge-arg A         an extra argument for the bridge (repeatable), e.g. --bridge-arg=--x.y=z",
			"  --java PATH            java launcher for the bridge (default: this JVM's)",
			"  --results-dir DIR      where the Markdown report goes (default benchmarks/cdc/results)",
			"  --work-dir DIR         server data, logs, the bridge's configuration (default a new temporary directory)",
			"  --keep-work-dir        keep it afterwards (kept anyway when the run fails)",
			"  --note TEXT            a line added to the report, e.g. 'noisy: other builds were running'",
			"Exit status: 0 done (the report may still show a system that failed), 1 failed, 2 bad usage.");

	static final String SOURCE_DATABASE = "cdc_source";

	static final String TARGET_DATABASE = "cdc_target";

	/** Id ranges: the backfill from 1, each rate in its own block, the large transaction, probe rows. */
	static final long RATE_BLOCK = 10_000_000L;

	static final long TRANSACTION_FIRST_ID = 100_000_000L;

	static final long PROBE_FIRST_ID = 900_000_000L;

	static final Duration POLL = Duration.ofMillis(5);

	static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

	record Settings(List<String> systems, List<Integer> rates, Duration warmup, Duration duration, Duration window,
			long backfillRows, long transactionRows, int writers, int payloadBytes, Duration catchUpTimeout,
			Map<String, String> serverSettings, String nativeOptions, Path bridgeJar, Path bridgeConfig,
			Map<String, String> bridgeSettings, List<String> bridgeJvm, List<String> bridgeArgs, String java,
			Path resultsDir, Path workDir, boolean keepWorkDir, String note, boolean quick, String commandLine) {

		static Settings from(Options options, String commandLine) {
			boolean quick = options.flag("quick");
			Path bridgeJar = Path.of(options.string("bridge-jar", "cdc-bridge/bridge-app/target/cdc-bridge.jar"))
				.toAbsolutePath()
				.normalize();
			List<String> systems = list(options.string("systems",
					Files.isRegularFile(bridgeJar) ? "native,bridge" : "native"));
			for (String system : systems) {
				if (!system.equals("native") && !system.equals("bridge")) {
					throw new Options.UsageException("--systems: unknown system '" + system + "' (native, bridge)");
				}
			}
			if (systems.contains("bridge") && !Files.isRegularFile(bridgeJar)) {
				throw new Options.UsageException("--bridge-jar " + bridgeJar + " does not exist (package the bridge first)");
			}
			List<Integer> rates = new ArrayList<>();
			for (String rate : list(options.string("rates", "1000,5000"))) {
				try {
					rates.add(Integer.parseInt(rate));
				}
				catch (NumberFormatException ex) {
					throw new Options.UsageException("--rates: not a whole number: '" + rate + "'");
				}
			}
			Map<String, String> server = new LinkedHashMap<>(DEFAULT_SERVER_SETTINGS);
			server.putAll(namesAndValues(options, "pg"));
			int defaultRows = quick ? 20_000 : 1_000_000;
			return new Settings(systems, rates,
					options.duration("warmup", quick ? Duration.ofSeconds(1) : Duration.ofSeconds(10)),
					options.duration("duration", quick ? Duration.ofSeconds(3) : Duration.ofSeconds(60)),
					options.duration("window", quick ? Duration.ofSeconds(1) : Duration.ofSeconds(10)),
					options.integer("backfill-rows", defaultRows, 1), options.integer("transaction-rows", defaultRows, 1),
					options.integer("writers", 8, 1), options.integer("payload-bytes", 100, 1),
					options.duration("catch-up-timeout", quick ? Duration.ofMinutes(1) : Duration.ofMinutes(5)), server,
					options.string("native-option", ""), bridgeJar,
					options.has("bridge-config") ? Path.of(options.string("bridge-config", null)) : null,
					namesAndValues(options, "bridge-set"),
					options.all("bridge-jvm-arg").isEmpty() ? BridgeReplication.DEFAULT_JVM : options.all("bridge-jvm-arg"),
					options.all("bridge-arg"),
					options.string("java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
					Path.of(options.string("results-dir", "benchmarks/cdc/results")),
					options.has("work-dir") ? Path.of(options.string("work-dir", null)) : null,
					options.flag("keep-work-dir"), options.string("note", null), quick, commandLine);
		}

		private static Map<String, String> namesAndValues(Options options, String option) {
			Map<String, String> values = new LinkedHashMap<>();
			for (String setting : options.all(option)) {
				int equals = setting.indexOf('=');
				if (equals <= 0) {
					throw new Options.UsageException("--" + option + " takes NAME=VALUE, not '" + setting + "'");
				}
				values.put(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
			}
			return values;
		}

		private static List<String> list(String text) {
			return Arrays.stream(text.split(",")).map(String::trim).filter((part) -> !part.isEmpty()).toList();
		}

	}

	private final Settings settings;

	private final PrintStream out;

	private final long startNanos = System.nanoTime();

	private final List<AutoCloseable> toClose = new ArrayList<>();

	private Path workDir;

	private String loadAtStart;

	private BenchPostgres source;

	private BenchPostgres target;

	/** The replication being measured, checked while waiting for rows. */
	private Replication current;

	CdcBenchmark(Settings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/** Runs the benchmark and returns the exit status (the {@code --quick} test calls this). */
	static int run(String[] args, PrintStream out, PrintStream err) {
		Settings settings;
		try {
			Options options = Options.parse(args, VALUED, FLAGS);
			if (options.flag("help")) {
				out.println(USAGE);
				return 0;
			}
			settings = Settings.from(options, commandLine(args));
		}
		catch (Options.UsageException ex) {
			err.println("CdcBenchmark: " + ex.getMessage());
			err.println(USAGE);
			return 2;
		}
		CdcBenchmark benchmark = new CdcBenchmark(settings, out);
		Thread cleanup = new Thread(benchmark::closeAll, "cdc-benchmark-cleanup");
		Runtime.getRuntime().addShutdownHook(cleanup);
		int exit;
		try {
			benchmark.run();
			exit = 0;
		}
		catch (Exception ex) {
			err.println("CdcBenchmark failed: " + ex);
			ex.printStackTrace(err);
			exit = 1;
		}
		benchmark.closeAll();
		Runtime.getRuntime().removeShutdownHook(cleanup);
		if (exit == 0 && !settings.keepWorkDir() && settings.workDir() == null) {
			benchmark.deleteWorkDir();
		}
		else if (benchmark.workDir != null) {
			out.println("Logs, server data and generated configuration kept in " + benchmark.workDir);
		}
		return exit;
	}

	Path run() throws Exception {
		workDir = (settings.workDir() != null) ? Files.createDirectories(settings.workDir())
				: Files.createTempDirectory("figmart-cdc-bench-");
		progress("work directory " + workDir);
		loadAtStart = loadAverage();
		progress("load average " + loadAtStart);
		progress("starting two PostgreSQL servers (source, target) with " + settings.serverSettings());
		source = BenchPostgres.start("source", workDir, settings.serverSettings());
		toClose.add(source);
		target = BenchPostgres.start("target", workDir, settings.serverSettings());
		toClose.add(target);
		progress("PostgreSQL " + source.version() + ": source on port " + source.port() + ", target on port "
				+ target.port());
		List<CdcResults> results = new ArrayList<>();
		for (String system : settings.systems()) {
			results.add(measure(system));
		}
		String title = "CDC benchmark, "
				+ ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
				+ (settings.quick() ? " (--quick: a smoke run, not for figures)" : "");
		String markdown = CdcReport.markdown(title, preamble(), results, settings.rates());
		Path report = writeReport(markdown);
		out.println();
		out.println(markdown);
		progress("report written to " + report);
		return report;
	}

	private CdcResults measure(String system) throws Exception {
		progress("=== " + system + ": fresh databases " + SOURCE_DATABASE + " and " + TARGET_DATABASE);
		source.recreateDatabase(SOURCE_DATABASE);
		target.recreateDatabase(TARGET_DATABASE);
		try (Connection connection = source.connect(SOURCE_DATABASE)) {
			BenchTable.createSource(connection);
		}
		try (Connection connection = target.connect(TARGET_DATABASE)) {
			BenchTable.createTarget(connection);
		}
		Replication replication = system.equals("native")
				? new NativeReplication(source, SOURCE_DATABASE, target, TARGET_DATABASE, settings.nativeOptions())
				: new BridgeReplication(settings, workDir, source, SOURCE_DATABASE, target, TARGET_DATABASE);
		Map<String, String> replicationSettings = new LinkedHashMap<>();
		CdcResults.Backfill backfill = null;
		List<CdcResults.Steady> steady = new ArrayList<>();
		CdcResults.Drain drain = null;
		List<CdcResults.CpuUse> cpu = new ArrayList<>();
		CpuMeter meter = new CpuMeter();
		meter.trackProcess("writer JVM", () -> ProcessHandle.current().pid());
		meter.trackTree("source PostgreSQL", source::pid);
		meter.trackTree("target PostgreSQL", target::pid);
		if (replication.pid() != -1 || system.equals("bridge")) {
			meter.trackTree("bridge JVM", replication::pid);
		}
		try (Connection sourceConnection = source.connect(SOURCE_DATABASE);
				Connection targetConnection = target.connect(TARGET_DATABASE)) {
			progress(system + ": " + String.format(Locale.ROOT, "%,d", settings.backfillRows())
					+ " rows into the source before the replication starts");
			BenchTable.insertRange(sourceConnection, 1, settings.backfillRows(), settings.payloadBytes());
			checkpoint();

			progress(system + ": starting the replication (backfill, then streaming)");
			long started = BenchTable.now(sourceConnection);
			current = replication;
			toClose.add(replication);
			Phase phase = new Phase("backfill", meter);
			replication.start();
			backfill = backfill(system, targetConnection, started);
			cpu.add(phase.end());
			replicationSettings.putAll(replication.settings());
			if (backfill.missing() > 0) {
				return new CdcResults(system, replicationSettings, backfill, steady, null, cpu,
						"the backfill did not complete within " + Durations.format(settings.catchUpTimeout()));
			}
			awaitStreaming(system, sourceConnection, targetConnection);

			for (int i = 0; i < settings.rates().size(); i++) {
				checkpoint();
				int rate = settings.rates().get(i);
				phase = new Phase(String.format(Locale.ROOT, "%,d writes/s", rate), meter);
				steady.add(steady(system, rate, RATE_BLOCK * (i + 1), sourceConnection, targetConnection));
				cpu.add(phase.end());
			}

			checkpoint();
			phase = new Phase(String.format(Locale.ROOT, "%,d-row transaction", settings.transactionRows()), meter);
			drain = drain(system, sourceConnection, targetConnection);
			cpu.add(phase.end());
			for (CdcResults.CpuUse use : cpu) {
				progress(String.format(Locale.ROOT, "%s CPU during %s (%.1f s): %s", system, use.phase(),
						use.wallSeconds(), use.seconds()
							.entrySet()
							.stream()
							.map((entry) -> String.format(Locale.ROOT, "%s %.1f s", entry.getKey(), entry.getValue()))
							.collect(java.util.stream.Collectors.joining(", "))));
			}
			return new CdcResults(system, replicationSettings, backfill, steady, drain, cpu, null);
		}
		catch (Exception ex) {
			progress(system + " FAILED: " + ex);
			return new CdcResults(system, replicationSettings, backfill, steady, drain, cpu, ex.toString());
		}
		finally {
			current = null;
			toClose.remove(replication);
			try {
				replication.close();
			}
			catch (Exception ex) {
				progress(system + ": could not stop cleanly: " + ex);
			}
			try {
				int dropped = source.dropInactiveSlots(SOURCE_DATABASE) + target.dropInactiveSlots(TARGET_DATABASE);
				if (dropped > 0) {
					progress(system + ": dropped " + dropped + " replication slot(s) it left");
				}
			}
			catch (SQLException ex) {
				progress(system + ": could not drop its replication slots: " + ex.getMessage());
			}
		}
	}

	/** CPU time from its start to its end, per process (the steady phases include their warm-up and catch-up). */
	private static final class Phase {

		private final String name;

		private final CpuMeter meter;

		private final Map<String, Double> before;

		private final long startNanos = System.nanoTime();

		Phase(String name, CpuMeter meter) {
			this.name = name;
			this.meter = meter;
			this.before = meter.sample();
		}

		CdcResults.CpuUse end() {
			return new CdcResults.CpuUse(name, (System.nanoTime() - startNanos) / 1e9,
					CpuMeter.difference(before, meter.sample()));
		}

	}

	private CdcResults.Backfill backfill(String system, Connection target, long started) throws Exception {
		long rows = settings.backfillRows();
		long visibleAt = awaitRows(system + " backfill", target, 1, rows, rows);
		long[] applied = BenchTable.micros(target, "applied_at", 1, rows);
		long firstApplied = Arrays.stream(applied).filter((value) -> value != Long.MIN_VALUE).min().orElse(visibleAt);
		long missing = Arrays.stream(applied).filter((value) -> value == Long.MIN_VALUE).count();
		CdcResults.Backfill backfill = new CdcResults.Backfill(rows, missing,
				visibleAt < 0 ? null : micros(visibleAt - started), visibleAt < 0 ? null : micros(visibleAt - firstApplied));
		progress(String.format(Locale.ROOT, "%s backfill: %,d rows in %s (%,.0f rows/s), copy alone %s (%,.0f rows/s)%s",
				system, rows, seconds(backfill.total()), backfill.rowsPerSecond(), seconds(backfill.copy()),
				backfill.copyRowsPerSecond(), missing > 0 ? ", " + missing + " MISSING" : ""));
		return backfill;
	}

	/** A row written after the backfill must arrive before the measured writing starts. */
	private void awaitStreaming(String system, Connection source, Connection target) throws Exception {
		long probe = PROBE_FIRST_ID;
		try (PreparedStatement insert = source.prepareStatement("insert into bench_ticks (id, payload) values (?, 'probe')")) {
			insert.setLong(1, probe);
			insert.executeUpdate();
		}
		awaitRows(system + " streaming probe", target, probe, probe, 1);
		progress(system + ": streaming");
	}

	private CdcResults.Steady steady(String system, int rate, long block, Connection source, Connection target)
			throws Exception {
		String label = String.format(Locale.ROOT, "%s %,d/s", system, rate);
		progress(label + ": writing " + Durations.format(settings.warmup()) + " unmeasured, then "
				+ Durations.format(settings.duration()) + " measured, " + settings.writers() + " connections");
		long measuredFirstId = block + RATE_BLOCK / 2;
		FixedRateWriter writer = new FixedRateWriter(this.source.jdbcUrl(SOURCE_DATABASE), settings.writers(),
				settings.payloadBytes());
		FixedRateWriter.Result written = writer.run(rate, settings.warmup(), settings.duration(), block,
				measuredFirstId, PROGRESS_EVERY, (progress) -> {
					String behind;
					try {
						long onTarget = BenchTable.count(target, block, block + RATE_BLOCK - 1);
						behind = String.format(Locale.ROOT, "%,d", Math.max(0, progress.rowsWritten() - onTarget));
					}
					catch (SQLException ex) {
						behind = "? (" + ex.getMessage() + ")";
					}
					progress(String.format(Locale.ROOT, "%s: %s, %,d rows written, target behind by %s rows, writer late by up to %s%s",
							label, seconds(progress.elapsed()), progress.rowsWritten(), behind,
							CdcReport.millis(progress.maxLateMicros()),
							progress.errors() > 0 ? ", " + progress.errors() + " ERRORS" : ""));
				});
		long writingEnded = BenchTable.now(source);
		long last = written.lastMeasuredId();
		long expected = BenchTable.count(source, written.firstMeasuredId(), last);
		long visibleAt = awaitRows(label, target, written.firstMeasuredId(), last, expected);
		long[] writtenAt = BenchTable.micros(source, "written_at", written.firstMeasuredId(), last);
		long[] appliedAt = BenchTable.micros(target, "applied_at", written.firstMeasuredId(), last);
		long[] transactionEnd = BenchTable.micros(target, BenchTable.TRANSACTION_END, written.firstMeasuredId(), last);
		LagStats lag = LagStats.of(writtenAt, appliedAt, settings.window());
		LagStats visible = LagStats.of(writtenAt, transactionEnd, settings.window());
		long transactions = BenchTable.transactions(target, written.firstMeasuredId(), last);
		CdcResults.Steady result = new CdcResults.Steady(written, lag, visible, transactions,
				visibleAt < 0 ? null : micros(Math.max(0, visibleAt - writingEnded)));
		progress(String.format(Locale.ROOT,
				"%s: achieved %,.0f rows/s, lag p50 %s p99 %s p99.9 %s max %s; p99 per %s: %s; to the end of the target transaction p50 %s p99 %s; %,d target transactions%s%s",
				label, written.achievedRate(), CdcReport.millis(lag.p50Micros()), CdcReport.millis(lag.p99Micros()),
				CdcReport.millis(lag.p999Micros()), CdcReport.millis(lag.maxMicros()), Durations.format(lag.window()),
				CdcReport.windows(lag), CdcReport.millis(visible.p50Micros()), CdcReport.millis(visible.p99Micros()),
				transactions, lag.missing() > 0 ? ", " + lag.missing() + " MISSING" : "",
				written.errors() > 0 ? ", " + written.errors() + " write errors: " + written.firstError() : ""));
		return result;
	}

	private CdcResults.Drain drain(String system, Connection source, Connection target) throws Exception {
		long rows = settings.transactionRows();
		long first = TRANSACTION_FIRST_ID;
		long last = first + rows - 1;
		String label = String.format(Locale.ROOT, "%s %,d-row transaction", system, rows);
		progress(label + ": inserting and committing");
		long began = BenchTable.now(source);
		long committed = BenchTable.insertRange(source, first, last, settings.payloadBytes());
		progress(label + ": committed after " + seconds(micros(committed - began)) + ", waiting for the target");
		long visibleAt = awaitRows(label, target, first, last, rows);
		long[] applied = BenchTable.micros(target, "applied_at", first, last);
		long firstApplied = Long.MAX_VALUE;
		long lastApplied = Long.MIN_VALUE;
		long missing = 0;
		for (long value : applied) {
			if (value == Long.MIN_VALUE) {
				missing++;
			}
			else {
				firstApplied = Math.min(firstApplied, value);
				lastApplied = Math.max(lastApplied, value);
			}
		}
		boolean any = missing < rows;
		CdcResults.Drain drain = new CdcResults.Drain(rows, missing, micros(committed - began),
				visibleAt < 0 ? null : micros(visibleAt - committed), any ? micros(firstApplied - committed) : null,
				any ? micros(lastApplied - firstApplied) : null);
		progress(String.format(Locale.ROOT,
				"%s: drained %s after the commit (%,.0f rows/s); first row applied %s after the commit, applying took %s%s",
				label, seconds(drain.drain()), drain.applyRowsPerSecond(), seconds(drain.firstApplied()),
				seconds(drain.applySpan()), missing > 0 ? ", " + missing + " MISSING" : ""));
		return drain;
	}

	/**
	 * Waits until the target has {@code expected} rows with ids {@code from..to}: first until the last id is there
	 * (a cheap look-up every 5 ms), then until the count is complete. Returns the target server's clock when it saw
	 * them all, µs, or -1 after the catch-up timeout.
	 */
	private long awaitRows(String label, Connection target, long from, long to, long expected) throws Exception {
		long deadline = System.nanoTime() + settings.catchUpTimeout().toNanos();
		long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
		try (PreparedStatement lastThere = target.prepareStatement(
				"select " + BenchTable.NOW_MICROS + ", exists (select 1 from bench_ticks where id = ?)");
				PreparedStatement count = target.prepareStatement(
						"select " + BenchTable.NOW_MICROS + ", count(*) from bench_ticks where id between ? and ?")) {
			lastThere.setLong(1, to);
			count.setLong(1, from);
			count.setLong(2, to);
			boolean lastSeen = false;
			while (true) {
				PreparedStatement query = lastSeen ? count : lastThere;
				try (ResultSet result = query.executeQuery()) {
					result.next();
					long now = result.getLong(1);
					if (!lastSeen && result.getBoolean(2)) {
						lastSeen = true;
						continue;
					}
					if (lastSeen && result.getLong(2) >= expected) {
						return now;
					}
				}
				if (current != null) {
					current.checkAlive();
				}
				if (System.nanoTime() > deadline) {
					progress(label + ": the target still lacks rows after " + Durations.format(settings.catchUpTimeout()));
					return -1;
				}
				if (System.nanoTime() > nextProgress) {
					nextProgress += PROGRESS_EVERY.toNanos();
					progress(String.format(Locale.ROOT, "%s: %,d of %,d rows on the target", label,
							BenchTable.count(target, from, to), expected));
				}
				TimeUnit.NANOSECONDS.sleep(lastSeen ? POLL.toNanos() * 4 : POLL.toNanos());
			}
		}
	}

	private void checkpoint() throws SQLException {
		source.checkpoint();
		target.checkpoint();
	}

	private List<String> preamble() throws Exception {
		List<String> lines = new ArrayList<>();
		if (settings.note() != null) {
			lines.add("**" + settings.note() + "**");
			lines.add("");
		}
		lines.add("- Machine: " + Machine.describe() + "; both PostgreSQL servers, the writer and the bridge share the cores, all on 127.0.0.1.");
		lines.add("- JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
				+ " (the writer" + (settings.systems().contains("bridge") ? ", and the bridge via `" + settings.java() + "`" : "")
				+ "). PostgreSQL " + source.version() + " (zonky embedded binaries), two servers: source and target.");
		lines.add("- Load average (1, 5, 15 min, `/proc/loadavg`) at the start: " + loadAtStart + "; at the end: "
				+ loadAverage() + ".");
		lines.add("- Code: " + gitDescription() + ". Command: `" + settings.commandLine() + "`.");
		lines.add("- Server settings (both): " + CdcReport.settingsLine(source.reportedSettings()) + ".");
		lines.add("- Lag = target `applied_at` − source `written_at`, both `clock_timestamp()` on this machine's clock; "
				+ "per row, from the measured rows only. \"To the end of the target transaction\" uses the `applied_at` of "
				+ "the last row of the target transaction that applied the row (same `xmin`): the row became visible at "
				+ "that transaction's commit.");
		lines.add(String.format(Locale.ROOT,
				"- Steady rates: one-row transactions (autocommit inserts of a %d-byte payload), open loop over %d "
						+ "connections, %s unmeasured then %s measured per rate; p99 per %s window of written time.",
				settings.payloadBytes(), settings.writers(), Durations.format(settings.warmup()),
				Durations.format(settings.duration()), Durations.format(settings.window())));
		lines.add(String.format(Locale.ROOT,
				"- Backfill: %,d rows in the source before the replication starts. Large transaction: %,d rows in one "
						+ "`INSERT ... SELECT generate_series`; drain = commit to the last row visible on the target "
						+ "(polled every 5 ms). A checkpoint on both servers before each phase.",
				settings.backfillRows(), settings.transactionRows()));
		return lines;
	}

	static String commandLine(String[] args) {
		StringBuilder line = new StringBuilder("benchmarks/cdc/run.sh");
		for (String arg : args) {
			line.append(' ').append(arg.matches("[\\w./=:,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
		}
		return line.toString();
	}

	/** The commit of the checkout the benchmark runs in, if it is one. */
	private static String gitDescription() {
		try {
			Process git = new ProcessBuilder("git", "log", "-1", "--format=%h %s").redirectErrorStream(true).start();
			String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			Process status = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
				.redirectErrorStream(true)
				.start();
			boolean dirty = !new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8).isBlank();
			if (git.waitFor() != 0 || status.waitFor() != 0) {
				return "not a git checkout";
			}
			return "commit `" + head.replace("`", "'") + "`" + (dirty ? " with uncommitted changes" : "");
		}
		catch (IOException ex) {
			return "unknown (no git)";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

	private Path writeReport(String markdown) throws IOException {
		Path dir = Files.createDirectories(settings.resultsDir());
		String base = LocalDate.now(ZoneOffset.UTC).toString() + (settings.quick() ? "-quick" : "");
		Path file = dir.resolve(base + ".md");
		for (int i = 2; Files.exists(file); i++) {
			file = dir.resolve(base + "-" + i + ".md");
		}
		Files.writeString(file, "# CDC benchmark results\n\n" + markdown, StandardCharsets.UTF_8);
		return file;
	}

	private void closeAll() {
		List<AutoCloseable> reversed = new ArrayList<>(toClose);
		toClose.clear();
		for (int i = reversed.size() - 1; i >= 0; i--) {
			try {
				reversed.get(i).close();
			}
			catch (Exception ex) {
				out.println("Could not stop " + reversed.get(i) + ": " + ex);
			}
		}
	}

	private void deleteWorkDir() {
		try (Stream<Path> paths = Files.walk(workDir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			out.println("Could not delete " + workDir + ": " + ex.getMessage());
		}
	}

	private static Map<String, String> orderedMap(String... namesAndValues) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			map.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return java.util.Collections.unmodifiableMap(map);
	}

	static Duration micros(long micros) {
		return Duration.ofNanos(micros * 1000);
	}

	static String seconds(Duration duration) {
		return duration == null ? "—" : String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private void progress(String message) {
		long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
		out.printf(Locale.ROOT, "[%02d:%02d] %s%n", seconds / 60, seconds % 60, message);
	}

}
