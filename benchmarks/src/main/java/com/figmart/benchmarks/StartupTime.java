package com.figmart.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the wall time from starting {@code java -jar <jar>} to the first
 * {@code GET /actuator/health/readiness} that answers 200 with status UP. See
 * {@code benchmarks/README.md}.
 */
public final class StartupTime {

	static final Set<String> VALUED = Set.of("jar", "java", "runs", "port", "timeout", "work-dir", "jvm-arg",
			"app-arg", "json", "warmup-runs");

	static final Set<String> FLAGS = Set.of("fresh-data", "keep-data", "help");

	static final String READINESS_PATH = "/actuator/health/readiness";

	private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	static final String USAGE = String.join("\n",
			"Usage: java -cp benchmarks/target/benchmarks.jar com.figmart.benchmarks.StartupTime [options]",
			"  --jar PATH           the application jar (default legacy-monolith/target/legacy-monolith.jar)",
			"  --java PATH          the java launcher, or a JDK home (default: java on PATH)",
			"  --runs N             timed runs (default 5)",
			"  --port N             server.port of the application (default 18080; must be free)",
			"  --fresh-data         a new empty embedded-PostgreSQL data directory per run; otherwise one",
			"                       directory is reused by all runs, initialised by an untimed run first",
			"  --warmup-runs N      untimed runs before the timed ones (default 1, or 0 with --fresh-data)",
			"  --timeout D          give up on a run not ready after D (default 3m)",
			"  --jvm-arg ARG        an extra JVM option for the application, before -jar (repeatable)",
			"  --app-arg ARG        an extra application argument, after the jar (repeatable)",
			"  --work-dir DIR       where logs and data directories go (default benchmarks/target/startup-time)",
			"  --keep-data          keep the data directories afterwards (default: deleted)",
			"  --json FILE          also write the result as JSON to FILE",
			"  --help               this text",
			"Exit status: 0 success, 1 a run failed (see its log), 2 bad usage.");

	/** The validated options. */
	record Config(Path jar, String java, int runs, int warmupRuns, int port, boolean freshData, Duration timeout,
			Path workDir, List<String> jvmArgs, List<String> appArgs, Path json, boolean keepData) {

		static Config from(Options options, String pathVariable, Path defaultWorkDir) {
			Path jar = Path.of(options.string("jar", "legacy-monolith/target/legacy-monolith.jar")).toAbsolutePath()
					.normalize();
			if (!Files.isRegularFile(jar)) {
				throw new Options.UsageException("--jar " + jar + " does not exist (build it first)");
			}
			String java = resolveJava(options.string("java", null), pathVariable);
			int port = options.integer("port", 18080, 1);
			if (port > 65535) {
				throw new Options.UsageException("--port must be at most 65535");
			}
			boolean fresh = options.flag("fresh-data");
			Duration timeout = options.duration("timeout", Duration.ofMinutes(3));
			if (timeout.toMillis() < 1) {
				throw new Options.UsageException("--timeout must be at least 1ms");
			}
			String json = options.string("json", null);
			return new Config(jar, java, options.integer("runs", 5, 1), options.integer("warmup-runs", fresh ? 0 : 1, 0),
					port, fresh, timeout,
					Path.of(options.string("work-dir", defaultWorkDir.toString())).toAbsolutePath().normalize(),
					options.all("jvm-arg"), options.all("app-arg"), json == null ? null : Path.of(json),
					options.flag("keep-data"));
		}
	}

	/**
	 * The java launcher: {@code option} as given (a JDK home directory means its {@code bin/java}),
	 * or else the first executable {@code java} on {@code pathVariable}.
	 */
	static String resolveJava(String option, String pathVariable) {
		if (option != null) {
			Path given = Path.of(option);
			if (Files.isDirectory(given)) {
				given = given.resolve("bin").resolve("java");
			}
			if (!Files.isExecutable(given)) {
				throw new Options.UsageException("--java " + option + " is not an executable java launcher");
			}
			return given.toAbsolutePath().normalize().toString();
		}
		if (pathVariable != null) {
			for (String directory : pathVariable.split(File.pathSeparator)) {
				if (directory.isEmpty()) {
					continue;
				}
				Path candidate = Path.of(directory, "java");
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return candidate.toAbsolutePath().toString();
				}
			}
		}
		throw new Options.UsageException("no java on PATH: give --java /path/to/java");
	}

	/** Whether a readiness answer says the application is ready: 200 and {@code "status":"UP"}. */
	static boolean isReady(int statusCode, String body) {
		if (statusCode != 200 || body == null) {
			return false;
		}
		try {
			JsonNode status = JsonMapper.shared().readTree(body).get("status");
			return status != null && status.isString() && "UP".equals(status.stringValue());
		}
		catch (JacksonException e) {
			return false;
		}
	}

	/** benchmarks/target/startup-time when run from the built jar (or target/classes). */
	static Path defaultWorkDir() {
		try {
			Path location = Path.of(StartupTime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			Path target = location.getParent();
			if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")) {
				return target.resolve("startup-time");
			}
		}
		catch (URISyntaxException | RuntimeException e) {
			// fall through
		}
		return Path.of("target", "startup-time");
	}

	private final Config config;

	private final PrintStream out;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(1)).build();

	private final AtomicReference<Process> current = new AtomicReference<>();

	private final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));

	private StartupTime(Config config, PrintStream out) {
		this.config = config;
		this.out = out;
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		Config config;
		try {
			Options options = Options.parse(args, VALUED, FLAGS);
			if (options.flag("help")) {
				out.println(USAGE);
				return 0;
			}
			config = Config.from(options, System.getenv("PATH"), defaultWorkDir());
		}
		catch (Options.UsageException e) {
			err.println("StartupTime: " + e.getMessage());
			err.println(USAGE);
			return 2;
		}
		StartupTime benchmark = new StartupTime(config, out);
		Thread cleanup = new Thread(benchmark::stopCurrent, "startup-time-cleanup");
		Runtime.getRuntime().addShutdownHook(cleanup);
		try {
			return Programs.exitCode("StartupTime", err, RunFailure.class, benchmark::execute);
		}
		finally {
			benchmark.stopCurrent();
			try {
				Runtime.getRuntime().removeShutdownHook(cleanup);
			}
			catch (IllegalStateException e) {
				// already shutting down
			}
		}
	}

	private int execute() throws IOException, InterruptedException {
		String version = javaVersion();
		out.println("StartupTime: " + config.jar());
		out.println("java: " + config.java());
		out.println("java -version: " + version);
		out.printf("runs: %d timed (+%d untimed warm-up), port %d, %s data directory, logs in %s%n", config.runs(),
				config.warmupRuns(), config.port(), config.freshData() ? "fresh" : "reused",
				config.workDir().resolve("logs"));
		Files.createDirectories(config.workDir().resolve("logs"));
		Files.createDirectories(config.workDir().resolve("data"));

		Path shared = config.workDir().resolve("data").resolve(stamp + "-shared");
		List<Long> millis = new ArrayList<>();
		int total = config.warmupRuns() + config.runs();
		for (int i = 1; i <= total; i++) {
			boolean timed = i > config.warmupRuns();
			String name = timed ? "run-" + (i - config.warmupRuns()) : "warmup-" + i;
			Path dataDirectory = config.freshData() ? config.workDir().resolve("data").resolve(stamp + "-" + name)
					: shared;
			boolean last = i == total;
			try {
				long elapsed = runOnce(name, dataDirectory);
				if (timed) {
					millis.add(elapsed);
				}
				out.printf("%-10s %6d ms%s%n", name, elapsed, timed ? "" : "  (untimed)");
			}
			catch (RuntimeException | InterruptedException | IOException e) {
				try {
					deleteData(dataDirectory);
				}
				catch (IOException cleanup) {
					e.addSuppressed(cleanup);
				}
				throw e;
			}
			if (config.freshData() || last) {
				deleteData(dataDirectory);
			}
		}

		StartupResult result = new StartupResult(config.jar().toString(), config.java(), version, config.freshData(),
				millis);
		out.println();
		out.print(result.format());
		if (config.json() != null) {
			Path parent = config.json().toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(config.json(), JsonMapper.shared().writerWithDefaultPrettyPrinter()
					.writeValueAsString(result.toJson()) + "\n");
			out.println("results written to " + config.json().toAbsolutePath());
		}
		return 0;
	}

	/** The first line of {@code java -version}, after printing all of it. */
	private String javaVersion() throws IOException, InterruptedException {
		Process process = new ProcessBuilder(config.java(), "-version").redirectErrorStream(true).start();
		process.getOutputStream().close();
		String text;
		try (InputStream output = process.getInputStream()) {
			text = new String(output.readAllBytes(), StandardCharsets.UTF_8).trim();
		}
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new RunFailure(config.java() + " -version did not finish");
		}
		if (process.exitValue() != 0 || text.isEmpty()) {
			throw new RunFailure(config.java() + " -version failed (" + process.exitValue() + "): " + text);
		}
		return text.lines().findFirst().orElse(text);
	}

	/** Starts the jar, waits until ready, stops it; the milliseconds from start to ready. */
	private long runOnce(String name, Path dataDirectory) throws IOException, InterruptedException {
		awaitPortFree();
		Path log = config.workDir().resolve("logs").resolve(stamp + "-" + name + ".log");
		List<String> command = new ArrayList<>();
		command.add(config.java());
		command.addAll(config.jvmArgs());
		command.add("-jar");
		command.add(config.jar().toString());
		command.add("--server.port=" + config.port());
		command.add("--figmart.embedded-postgres.data-directory=" + dataDirectory);
		command.addAll(config.appArgs());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
		out.printf("%-10s starting (log %s)%n", name, log);

		long start = System.nanoTime();
		Process process = builder.start();
		current.set(process);
		long readyAt;
		try {
			process.getOutputStream().close();
			readyAt = awaitReady(process, start, log);
		}
		catch (RuntimeException | InterruptedException | IOException e) {
			try {
				stop(process, dataDirectory);
			}
			catch (RuntimeException | InterruptedException stopFailure) {
				e.addSuppressed(stopFailure);
			}
			finally {
				current.set(null);
			}
			throw e;
		}
		stop(process, dataDirectory);
		current.set(null);
		return TimeUnit.NANOSECONDS.toMillis(readyAt - start);
	}

	private long awaitReady(Process process, long start, Path log) throws InterruptedException {
		URI readiness = URI.create("http://127.0.0.1:" + config.port() + READINESS_PATH);
		HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build();
		long deadline = start + config.timeout().toNanos();
		while (true) {
			if (!process.isAlive()) {
				throw new RunFailure("the application exited with code " + process.exitValue()
						+ " before it was ready; log " + log + ":\n" + tail(log, 30));
			}
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (isReady(response.statusCode(), response.body())) {
					return System.nanoTime();
				}
			}
			catch (IOException e) {
				// not listening yet
			}
			if (System.nanoTime() - deadline > 0) {
				throw new RunFailure("the application was not ready within " + Durations.format(config.timeout())
						+ "; log " + log + ":\n" + tail(log, 30));
			}
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
	}

	/**
	 * Stops the application (SIGTERM, then SIGKILL after 30 s) and makes sure nothing it started
	 * outlives it: its descendants, and the embedded PostgreSQL of the data directory, which
	 * {@code pg_ctl} detaches from the process tree.
	 */
	private void stop(Process process, Path dataDirectory) throws InterruptedException {
		Set<ProcessHandle> started = new LinkedHashSet<>(descendants(process.toHandle()));
		long begin = System.nanoTime();
		process.destroy();
		if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			out.println("  the application did not stop within " + Durations.format(STOP_TIMEOUT) + ": killing it");
			started.addAll(descendants(process.toHandle()));
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
		postmaster(dataDirectory).ifPresent(started::add);
		for (ProcessHandle handle : started) {
			if (handle.isAlive()) {
				out.printf("  pid %d (%s) outlived the application: stopping it%n", handle.pid(),
						handle.info().command().orElse("?"));
				terminate(handle);
			}
		}
		List<Long> left = started.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
				.collect(Collectors.toList());
		if (process.isAlive()) {
			left.add(0, process.pid());
		}
		if (!left.isEmpty()) {
			throw new RunFailure("processes still running after stopping the application: " + left);
		}
		out.printf("  stopped in %d ms (exit code %d)%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin),
				process.exitValue());
	}

	private static List<ProcessHandle> descendants(ProcessHandle handle) {
		try (Stream<ProcessHandle> stream = handle.descendants()) {
			return stream.collect(Collectors.toList());
		}
	}

	/** The PostgreSQL server that {@code postmaster.pid} of the data directory names, if it still runs. */
	private static Optional<ProcessHandle> postmaster(Path dataDirectory) {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		try {
			if (!Files.isRegularFile(pidFile)) {
				return Optional.empty();
			}
			List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
			if (lines.isEmpty()) {
				return Optional.empty();
			}
			long pid = Long.parseLong(lines.get(0).trim());
			return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
					.filter(handle -> handle.info().command().map(command -> command.contains("postgres")).orElse(false));
		}
		catch (IOException | NumberFormatException e) {
			return Optional.empty();
		}
	}

	private static void terminate(ProcessHandle handle) throws InterruptedException {
		handle.destroy();
		try {
			handle.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
			handle.destroyForcibly();
			try {
				handle.onExit().get(10, TimeUnit.SECONDS);
			}
			catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ignored) {
				// reported by the caller
			}
		}
	}

	/** Run by the shutdown hook (Ctrl-C) and at the end: no application may outlive the benchmark. */
	private void stopCurrent() {
		Process process = current.getAndSet(null);
		if (process == null || !process.isAlive()) {
			return;
		}
		List<ProcessHandle> started = descendants(process.toHandle());
		process.destroy();
		try {
			if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			for (ProcessHandle handle : started) {
				if (handle.isAlive()) {
					terminate(handle);
				}
			}
		}
		catch (InterruptedException e) {
			process.destroyForcibly();
			started.forEach(ProcessHandle::destroyForcibly);
			Thread.currentThread().interrupt();
		}
	}

	private void awaitPortFree() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!portFree(config.port())) {
			if (System.nanoTime() - deadline > 0) {
				throw new RunFailure("port " + config.port() + " is in use: stop what listens there or give --port");
			}
			Thread.sleep(200);
		}
	}

	static boolean portFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}

	private void deleteData(Path dataDirectory) throws IOException {
		if (config.keepData() || !Files.exists(dataDirectory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dataDirectory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
				Files.deleteIfExists(path);
			}
		}
	}

	static String tail(Path log, int lines) {
		try {
			List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()
					.collect(Collectors.toList());
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | RuntimeException e) {
			return "<log unreadable: " + e.getMessage() + ">";
		}
	}

	/** A run that did not reach ready, or left processes behind. */
	static final class RunFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		RunFailure(String message) {
			super(message);
		}
	}
}
