package com.figmart.benchmarks.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.figmart.benchmarks.Durations;
import com.figmart.benchmarks.Machine;
import com.figmart.benchmarks.Options;

/**
 * The gateway benchmark of issue 3: the same backend reached directly, through nginx and through the gateway
 * in several configurations, all running side by side; wrk (closed loop) for throughput, then an open-loop
 * fixed-rate run for latency at equal rates. Prints progress, a Markdown report, and writes the report to the
 * results directory. See {@code benchmarks/gateway/README.md}; {@code benchmarks/gateway/run.sh} builds what is
 * missing and calls this.
 */
public final class GatewayBenchmark {

	static final Set<String> VALUED = Set.of("gateway-jar", "java", "wrk", "nginx", "warmup", "duration", "runs",
			"connections", "threads", "rate-fraction", "rate-duration", "results-dir", "work-dir", "note",
			"gateway-jvm-arg", "gateway-arg", "backend-idle-timeout");

	static final Set<String> FLAGS = Set.of("quick", "edge", "keep-work-dir", "help");

	/** The gateway's JVM options unless {@code --gateway-jvm-arg} is given. See the README for why. */
	static final List<String> GATEWAY_JVM = List.of("-Xms512m", "-Xmx512m", "-XX:+UseParallelGC",
			"-XX:+AlwaysPreTouch");

	static final List<String> BACKEND_JVM = List.of("-Xms256m", "-Xmx256m", "-XX:+UseParallelGC");

	/** Turn the edge filters off: the benchmark measures routing and proxying (properties of the edge helper). */
	static final List<String> EDGE_OFF = List.of("--figmart.gateway.rate-limit.enabled=false",
			"--figmart.gateway.access-log.enabled=false", "--figmart.gateway.security.enabled=false");

	static final String USAGE = String.join("\n",
			"Usage: benchmarks/gateway/run.sh [options]   (or java -cp benchmarks/target/benchmarks.jar com.figmart.benchmarks.gateway.GatewayBenchmark)",
			"  --quick               a smoke run: 5 s warm-up, one 3 s run of each (about 2.5 minutes)",
			"  --warmup D            wrk warm-up per setup before the tiny runs (default 30s), half that before the slow runs",
			"  --duration D          each measured wrk run (default 10s)",
			"  --runs N              measured runs per setup, the median is reported (default 3)",
			"  --connections N       wrk connections (default 50)",
			"  --threads N           wrk threads (default 2)",
			"  --rate-fraction F     fixed rate = F x the slowest setup's median throughput (default 0.5)",
			"  --rate-duration D     each fixed-rate run, after 2 s unmeasured (default 6s)",
			"  --edge                also a gateway with its edge filters on (rate limit, access log, security)",
			"  --gateway-jar PATH    default strangler-gateway/gateway-app/target/strangler-gateway.jar",
			"  --gateway-jvm-arg A   replaces the default gateway JVM options (repeatable)",
			"  --gateway-arg A       an extra argument for every gateway (repeatable), e.g. --gateway-arg=--x.y=z",
			"  --java PATH           java launcher for the gateway and backends (default: this JVM's)",
			"  --wrk PATH, --nginx PATH   default wrk and nginx on PATH",
			"  --backend-idle-timeout D   the backend's keep-alive idle timeout (default 60s)",
			"  --results-dir DIR     where the Markdown report goes (default benchmarks/gateway/results)",
			"  --work-dir DIR        logs, generated configs and data (default a new temporary directory)",
			"  --keep-work-dir       keep it afterwards (kept anyway when the run fails)",
			"  --note TEXT           a line added to the report, e.g. 'noisy: other builds were running'",
			"Exit status: 0 done, 1 failed, 2 bad usage.");

	/** The two response kinds: the request path and the heading in the report. */
	enum Response {

		TINY("/bench/tiny", "Tiny response (60 bytes of JSON)"), SLOW("/bench/slow", "Slow response (50 ms, 30 KiB of JSON)");

		final String path;

		final String heading;

		Response(String path, String heading) {
			this.path = path;
			this.heading = heading;
		}

	}

	/** What is measured: a name and where it listens. */
	record Setup(String name, URI base) {
	}

	record Settings(Path gatewayJar, String java, String wrk, String nginx, Duration warmup, Duration duration,
			int runs, int connections, int threads, double rateFraction, Duration rateDuration, boolean edge,
			List<String> gatewayJvm, List<String> gatewayArgs, Duration backendIdleTimeout, Path resultsDir,
			Path workDir, boolean keepWorkDir, String note, boolean quick) {

		static Settings from(Options options) {
			boolean quick = options.flag("quick");
			Path jar = Path.of(options.string("gateway-jar", "strangler-gateway/gateway-app/target/strangler-gateway.jar"))
				.toAbsolutePath()
				.normalize();
			if (!Files.isRegularFile(jar)) {
				throw new Options.UsageException("--gateway-jar " + jar + " does not exist (package the gateway first)");
			}
			Path workDir = options.has("work-dir") ? Path.of(options.string("work-dir", null)) : null;
			List<String> jvm = options.all("gateway-jvm-arg").isEmpty() ? GATEWAY_JVM : options.all("gateway-jvm-arg");
			return new Settings(jar,
					options.string("java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
					options.string("wrk", "wrk"), options.string("nginx", "nginx"),
					options.duration("warmup", quick ? Duration.ofSeconds(5) : Duration.ofSeconds(30)),
					options.duration("duration", quick ? Duration.ofSeconds(3) : Duration.ofSeconds(10)),
					options.integer("runs", quick ? 1 : 3, 1), options.integer("connections", 50, 1),
					options.integer("threads", 2, 1), options.decimal("rate-fraction", 0.5),
					options.duration("rate-duration", quick ? Duration.ofSeconds(3) : Duration.ofSeconds(6)),
					options.flag("edge"), jvm, options.all("gateway-arg"),
					options.duration("backend-idle-timeout", BenchmarkBackend.DEFAULT_IDLE_TIMEOUT),
					Path.of(options.string("results-dir", "benchmarks/gateway/results")), workDir,
					options.flag("keep-work-dir"), options.string("note", null), quick);
		}

	}

	private final Settings settings;

	private final long startNanos = System.nanoTime();

	private final List<ManagedProcess> processes = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private Path workDir;

	private final AtomicLong shadowSent = new AtomicLong();

	GatewayBenchmark(Settings settings) {
		this.settings = settings;
	}

	public static void main(String[] args) {
		Settings settings;
		try {
			Options options = Options.parse(args, VALUED, FLAGS);
			if (options.flag("help")) {
				System.out.println(USAGE);
				return;
			}
			settings = Settings.from(options);
		}
		catch (Options.UsageException ex) {
			System.err.println("GatewayBenchmark: " + ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		GatewayBenchmark benchmark = new GatewayBenchmark(settings);
		Thread cleanup = new Thread(benchmark::stopAll);
		Runtime.getRuntime().addShutdownHook(cleanup);
		int exit;
		try {
			benchmark.run();
			exit = 0;
		}
		catch (Exception ex) {
			System.err.println("GatewayBenchmark failed: " + ex.getMessage());
			if (!(ex instanceof BenchmarkFailure)) {
				ex.printStackTrace();
			}
			exit = 1;
		}
		benchmark.stopAll();
		if (exit == 0 && !settings.keepWorkDir() && settings.workDir() == null) {
			benchmark.deleteWorkDir();
		}
		else {
			System.out.println("Logs and generated configuration kept in " + benchmark.workDir);
		}
		System.exit(exit);
	}

	void run() throws IOException, InterruptedException {
		workDir = (settings.workDir() != null) ? Files.createDirectories(settings.workDir())
				: Files.createTempDirectory("figmart-gateway-bench-");
		// nginx workers run as nobody when started as root: they must be able to reach their temp directories.
		workDir.toFile().setExecutable(true, false);
		workDir.toFile().setReadable(true, false);
		progress("work directory " + workDir);
		String javaVersion = firstLines(command(List.of(settings.java(), "-version")), 1);
		progress("java: " + javaVersion + " (" + settings.java() + ")");
		String wrkVersion = firstLines(version(List.of(settings.wrk(), "--version")), 1);
		String nginxVersion = firstLines(version(List.of(settings.nginx(), "-v")), 1);
		Path lua = workDir.resolve("report.lua");
		try (InputStream in = GatewayBenchmark.class.getResourceAsStream("report.lua")) {
			Files.copy(in, lua);
		}

		int[] ports = freePorts(8);
		URI backend = startBackend("backend", ports[0]);
		URI shadowBackend = startBackend("backend-new", ports[1]);

		List<Setup> setups = new ArrayList<>();
		setups.add(new Setup(BenchmarkReport.DIRECT, backend));
		setups.add(new Setup(BenchmarkReport.NGINX, startNginx(ports[2], ports[0])));
		setups.add(new Setup(BenchmarkReport.ONE_RULE, startGateway(BenchmarkReport.ONE_RULE, ports[3], backend,
				GatewayRules.yaml(1, "LEGACY", shadowBackend), EDGE_OFF)));
		setups.add(new Setup(BenchmarkReport.THOUSAND_RULES, startGateway(BenchmarkReport.THOUSAND_RULES, ports[4],
				backend, GatewayRules.yaml(1000, "LEGACY", shadowBackend), EDGE_OFF)));
		setups.add(new Setup(BenchmarkReport.SHADOW, startGateway(BenchmarkReport.SHADOW, ports[5], backend,
				GatewayRules.yaml(1, "SHADOW", shadowBackend), EDGE_OFF)));
		if (settings.edge()) {
			setups.add(new Setup(BenchmarkReport.EDGE, startGateway(BenchmarkReport.EDGE, ports[6], backend,
					GatewayRules.yaml(1, "LEGACY", shadowBackend), List.of())));
		}
		progress("all " + setups.size() + " setups answer; estimated time " + Durations.format(estimate(setups.size())));

		Map<String, List<SetupResult>> results = new LinkedHashMap<>();
		OpenLoopLoad openLoop = new OpenLoopLoad(1000);
		try {
			for (Response response : Response.values()) {
				results.put(response.heading, measure(response, setups, lua, openLoop));
			}
		}
		finally {
			openLoop.close();
		}

		List<String> preamble = preamble(javaVersion, wrkVersion, nginxVersion);
		long copies = shadowCopies(shadowBackend);
		boolean mirrored = copies >= shadowSent.get() / 2;
		preamble.add(String.format(Locale.ROOT,
				"- SHADOW copies: the second backend answered %,d requests; wrk alone sent %,d to gateway-shadow%s.", copies,
				shadowSent.get(), mirrored ? ""
						: " (**this gateway build did not mirror most requests: the SHADOW row is not a shadow cost**)"));
		for (ManagedProcess process : processes) {
			long premature = process.countInLog("prematurely closed");
			if (premature > 0) {
				preamble.add("- **" + process.name() + " logged \"prematurely closed\" " + premature + " time(s).**");
			}
		}
		String title = "Gateway benchmark, " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
				+ (settings.quick() ? " (--quick: a smoke run, not for comparison)" : "");
		String markdown = BenchmarkReport.markdown(title, preamble, results, mirrored);
		Path report = writeReport(markdown);
		System.out.println();
		System.out.println(markdown);
		progress("report written to " + report);
	}

	private List<SetupResult> measure(Response response, List<Setup> setups, Path lua, OpenLoopLoad openLoop)
			throws IOException, InterruptedException {
		String kind = response.name().toLowerCase(Locale.ROOT);
		// The gateway's JIT needs about half a minute of full load on two busy cores before it reaches its
		// steady throughput; the slow response then only adds a little code of its own.
		Duration warmup = (response == Response.TINY) ? settings.warmup() : settings.warmup().dividedBy(2);
		for (Setup setup : setups) {
			progress(kind + " warm-up " + setup.name() + " (" + Durations.format(warmup) + ")");
			wrk(setup, response, lua, warmup);
		}
		Map<String, List<WrkResult>> wrkRuns = new LinkedHashMap<>();
		// Rounds across setups rather than all runs of one setup in a row: a burst of noise on the machine
		// then hits every setup, not just one.
		for (int round = 1; round <= settings.runs(); round++) {
			for (Setup setup : setups) {
				WrkResult result = wrk(setup, response, lua, settings.duration());
				wrkRuns.computeIfAbsent(setup.name(), (name) -> new ArrayList<>()).add(result);
				progress(String.format(Locale.ROOT, "%s run %d/%d %-20s %,9.0f req/s  p50 %s  p99 %s  errors %d", kind,
						round, settings.runs(), setup.name(), result.requestsPerSecond(),
						BenchmarkReport.millis(result.p50Micros()), BenchmarkReport.millis(result.p99Micros()),
						result.errors()));
			}
		}
		double slowest = wrkRuns.values()
			.stream()
			.mapToDouble((runs) -> SetupResult.median(runs, WrkResult::requestsPerSecond))
			.min()
			.orElseThrow();
		double rate = Math.floor(slowest * settings.rateFraction());
		progress(String.format(Locale.ROOT, "%s fixed rate %.0f req/s (%.0f %% of the slowest median, %.0f req/s)",
				kind, rate, settings.rateFraction() * 100, slowest));
		// The driver runs in this JVM: warm it up (JIT, connections) on the first setup before measuring anything.
		openLoop.run(setups.get(0).base().resolve(response.path), rate, Duration.ZERO,
				settings.quick() ? Duration.ofSeconds(2) : Duration.ofSeconds(5));
		Map<String, List<OpenLoopLoad.Result>> rateRuns = new LinkedHashMap<>();
		for (int round = 1; round <= settings.runs(); round++) {
			for (Setup setup : setups) {
				OpenLoopLoad.Result result = openLoop.run(setup.base().resolve(response.path), rate,
						Duration.ofSeconds(2), settings.rateDuration());
				rateRuns.computeIfAbsent(setup.name(), (name) -> new ArrayList<>()).add(result);
				progress(String.format(Locale.ROOT,
						"%s at %.0f/s run %d/%d %-20s p50 %s  p99 %s  p99.9 %s  errors %d  (driver late by up to %s)",
						kind, rate, round, settings.runs(), setup.name(), BenchmarkReport.millis(result.p50Micros()),
						BenchmarkReport.millis(result.p99Micros()), BenchmarkReport.millis(result.p999Micros()),
						result.errors(), BenchmarkReport.millis(result.maxSendLagMicros())));
			}
		}
		List<SetupResult> results = new ArrayList<>();
		for (Setup setup : setups) {
			results.add(SetupResult.of(setup.name(), wrkRuns.get(setup.name()), rate, rateRuns.get(setup.name())));
		}
		return results;
	}

	/**
	 * Only gateway-shadow sends anything to the second backend: its count shows whether the copies were sent (a
	 * gateway without mirroring leaves it at the one request of the start check).
	 */
	private long shadowCopies(URI shadowBackend) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(shadowBackend.resolve("/requests")).build(),
				HttpResponse.BodyHandlers.ofString());
		return Long.parseLong(response.body().replaceAll("\\D", ""));
	}

	private WrkResult wrk(Setup setup, Response response, Path lua, Duration duration)
			throws IOException, InterruptedException {
		long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
		List<String> command = List.of(settings.wrk(), "-t", Integer.toString(settings.threads()), "-c",
				Integer.toString(settings.connections()), "-d", seconds + "s", "--timeout", "10s", "-s", lua.toString(),
				setup.base().resolve(response.path).toString());
		WrkResult result = WrkResult.parse(command(command));
		if (setup.name().equals(BenchmarkReport.SHADOW)) {
			shadowSent.addAndGet(result.requests());
		}
		return result;
	}

	private URI startBackend(String name, int port) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(settings.java());
		command.addAll(BACKEND_JVM);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchmarkBackend.class.getName(),
				"--port", Integer.toString(port), "--idle-timeout", Durations.format(settings.backendIdleTimeout())));
		URI uri = URI.create("http://127.0.0.1:" + port);
		awaitAnswer(start(name, command, null), uri.resolve(Response.TINY.path), null, Duration.ofSeconds(30));
		return uri;
	}

	private URI startNginx(int port, int backendPort) throws IOException, InterruptedException {
		Path dir = Files.createDirectories(workDir.resolve("nginx"));
		dir.toFile().setExecutable(true, false);
		dir.toFile().setWritable(true, false);
		Path conf = dir.resolve("nginx.conf");
		// Upstream connections idle for at most half the backend's keep-alive.
		Files.writeString(conf, NginxConfig.of(dir, port, backendPort, settings.backendIdleTimeout().dividedBy(2)));
		List<String> command = List.of(settings.nginx(), "-p", dir.toString(), "-e",
				dir.resolve("nginx-error.log").toString(), "-c", conf.toString(), "-g", "daemon off;");
		URI uri = URI.create("http://127.0.0.1:" + port);
		awaitAnswer(start(BenchmarkReport.NGINX, command, null), uri.resolve(Response.TINY.path), null,
				Duration.ofSeconds(30));
		return uri;
	}

	private URI startGateway(String name, int port, URI backend, String rules, List<String> edgeArgs)
			throws IOException, InterruptedException {
		Path rulesFile = workDir.resolve(name + "-rules.yml");
		Files.writeString(rulesFile, rules);
		Path data = workDir.resolve(name + "-postgres");
		List<String> command = new ArrayList<>();
		command.add(settings.java());
		command.addAll(settings.gatewayJvm());
		command.addAll(List.of("-jar", settings.gatewayJar().toString(), "--server.address=127.0.0.1",
				"--server.port=" + port, "--figmart.gateway.legacy-uri=" + backend,
				"--spring.config.additional-location=file:" + rulesFile,
				"--figmart.embedded-postgres.data-directory=" + data));
		command.addAll(edgeArgs);
		command.addAll(settings.gatewayArgs());
		URI uri = URI.create("http://127.0.0.1:" + port);
		progress("starting " + name + " on port " + port);
		awaitAnswer(start(name, command, data), uri.resolve(Response.TINY.path), GatewayRules.MATCHING_RULE,
				Duration.ofMinutes(3));
		return uri;
	}

	private ManagedProcess start(String name, List<String> command, Path dataDirectory) throws IOException {
		ManagedProcess process = ManagedProcess.start(name, command, workDir.resolve(name + ".log"), dataDirectory);
		synchronized (processes) {
			processes.add(process);
		}
		return process;
	}

	/**
	 * Waits until {@code uri} answers 200; for a gateway also that the answer came through the expected rule
	 * ({@code X-Figmart-Route}), which proves that the last of the 1,000 rules is the one that matches.
	 */
	private void awaitAnswer(ManagedProcess process, URI uri, String expectedRoute, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = "no answer";
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new BenchmarkFailure(process.name() + " exited during start; end of " + process.log() + ":\n"
						+ process.logTail(30));
			}
			try {
				HttpResponse<String> response = http.send(
						HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.ofString());
				String route = response.headers().firstValue("X-Figmart-Route").orElse(null);
				if (response.statusCode() == 200 && (expectedRoute == null || expectedRoute.equals(route))) {
					progress(process.name() + " answers at " + uri);
					return;
				}
				last = "HTTP " + response.statusCode() + ", X-Figmart-Route " + route + ": " + response.body();
				if (response.statusCode() == 200) {
					throw new BenchmarkFailure(process.name() + " answered through route " + route + ", expected "
							+ expectedRoute);
				}
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			Thread.sleep(250);
		}
		throw new BenchmarkFailure(process.name() + " did not answer " + uri + " within " + Durations.format(timeout)
				+ " (last: " + last + "); end of " + process.log() + ":\n" + process.logTail(30));
	}

	void stopAll() {
		List<ManagedProcess> running;
		synchronized (processes) {
			running = new ArrayList<>(processes);
			processes.clear();
		}
		running.parallelStream().forEach(ManagedProcess::stop);
	}

	private void deleteWorkDir() {
		if (workDir == null) {
			return;
		}
		try (Stream<Path> paths = Files.walk(workDir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			System.err.println("Could not delete " + workDir + ": " + ex.getMessage());
		}
	}

	private Duration estimate(int setups) {
		Duration perResponse = settings.duration()
			.multipliedBy(settings.runs())
			.plus(settings.rateDuration().plusSeconds(2).multipliedBy(settings.runs()))
			.multipliedBy(setups)
			.plusSeconds(5);
		Duration warmups = settings.warmup().plus(settings.warmup().dividedBy(2)).multipliedBy(setups);
		return Duration.ofSeconds(perResponse.multipliedBy(Response.values().length).plus(warmups).toSeconds());
	}

	private List<String> preamble(String javaVersion, String wrkVersion, String nginxVersion) {
		List<String> lines = new ArrayList<>();
		if (settings.note() != null) {
			lines.add("**" + settings.note() + "**");
			lines.add("");
		}
		lines.add("- Machine: " + Machine.describe() + "; load generator, backend, proxies on the same cores, all on 127.0.0.1.");
		lines.add("- JDK (gateway and backend): " + javaVersion + "; " + wrkVersion.replaceAll("\\s*Copyright.*", "")
				+ "; " + nginxVersion.replace("nginx version: ", "") + ".");
		lines.add("- Gateway JVM: `" + String.join(" ", settings.gatewayJvm()) + "`; edge filters off: `"
				+ String.join(" ", EDGE_OFF) + "`" + (settings.gatewayArgs().isEmpty() ? ""
						: "; extra arguments `" + String.join(" ", settings.gatewayArgs()) + "`")
				+ ".");
		lines.add("- Backend: Reactor Netty (`BenchmarkBackend`), keep-alive idle timeout "
				+ Durations.format(settings.backendIdleTimeout()) + ". nginx: `worker_processes auto`, upstream "
				+ "`keepalive 128`, no access log.");
		lines.add("- Throughput: `wrk -t" + settings.threads() + " -c" + settings.connections() + "`, warm-up "
				+ Durations.format(settings.warmup()) + " (tiny) and " + Durations.format(settings.warmup().dividedBy(2))
				+ " (slow) per setup, then " + settings.runs() + " run(s) of "
				+ Durations.format(settings.duration()) + " per setup in rounds; the median run is reported.");
		lines.add("- Equal rate: an open-loop driver (`OpenLoopLoad`) at " + Math.round(settings.rateFraction() * 100)
				+ " % of the slowest setup's median throughput, " + settings.runs() + " run(s) of "
				+ Durations.format(settings.rateDuration())
				+ " after 2 s unmeasured; latency from the time each request was due; medians of the runs.");
		return lines;
	}

	private Path writeReport(String markdown) throws IOException {
		Path dir = Files.createDirectories(settings.resultsDir());
		String base = LocalDate.now(ZoneOffset.UTC).toString() + (settings.quick() ? "-quick" : "");
		Path file = dir.resolve(base + ".md");
		for (int i = 2; Files.exists(file); i++) {
			file = dir.resolve(base + "-" + i + ".md");
		}
		Files.writeString(file, "# Gateway benchmark results\n\n" + markdown, StandardCharsets.UTF_8);
		return file;
	}

	/** Runs a short command and returns its output (stdout and stderr); fails on a non-zero exit. */
	private static String command(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new BenchmarkFailure(String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
		}
		return new String(output, StandardCharsets.UTF_8);
	}

	/** A tool's version text; {@code wrk --version} prints it and exits with 1. */
	private static String version(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		process.waitFor(10, TimeUnit.SECONDS);
		return new String(output, StandardCharsets.UTF_8);
	}

	private static String firstLines(String text, int count) {
		return String.join(" ", text.strip().lines().limit(count).toList());
	}

	private static int[] freePorts(int count) throws IOException {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		finally {
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
	}

	private void progress(String message) {
		long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
		System.out.printf(Locale.ROOT, "[%02d:%02d] %s%n", seconds / 60, seconds % 60, message);
	}

	/** A failure explained by its message (a server that did not start, a tool that failed). */
	static final class BenchmarkFailure extends RuntimeException {

		BenchmarkFailure(String message) {
			super(message);
		}

	}

}
