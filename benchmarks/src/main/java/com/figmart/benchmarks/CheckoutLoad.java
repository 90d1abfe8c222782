package com.figmart.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A closed-loop checkout load driver against a running marketplace.
 * <p>
 * Setup registers one customer per client, reads up to a page of products from the catalogue and
 * restocks each of them generously. Then every client thread loops {@code POST /api/orders} with one
 * random product until the warm-up plus the duration are over. Only requests started after the
 * warm-up are measured. See {@code benchmarks/README.md}.
 */
public final class CheckoutLoad {

	static final Set<String> VALUED = Set.of("base-url", "clients", "duration", "warmup", "json", "request-timeout",
			"restock", "page-size", "max-error-ratio", "progress-every");

	static final Set<String> FLAGS = Set.of("help");

	/** Latencies above an hour are clamped for the percentiles (the maximum stays exact). */
	private static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.HOURS.toMicros(1);

	static final String USAGE = String.join("\n",
			"Usage: java -cp benchmarks/target/benchmarks.jar com.figmart.benchmarks.CheckoutLoad [options]",
			"  --base-url URL           marketplace to load (default http://127.0.0.1:8080)",
			"  --clients N              concurrent clients, one customer each (default 16)",
			"  --duration D             measured time, e.g. 30s, 2m, 1m30s (default 30s)",
			"  --warmup D               unmeasured time before it (default 10s; 0s for none)",
			"  --json FILE              also write the result as JSON to FILE",
			"  --request-timeout D      per-request timeout (default 30s)",
			"  --restock N              units added to each product in setup (default 100000; 0 skips restocking)",
			"  --page-size N            products read from the catalogue (default 50)",
			"  --max-error-ratio R      exit 1 when more than this share of checkouts failed as requests",
			"                           (HTTP errors, timeouts, I/O errors, unreadable answers; default 0.01)",
			"  --progress-every D       progress interval (default 5s)",
			"  --help                   this text",
			"Exit status: 0 success, 1 setup failure / no confirmed checkout / too many errors, 2 bad usage.");

	/** The validated options. */
	record Config(String baseUrl, int clients, Duration duration, Duration warmup, Path json, Duration requestTimeout,
			int restock, int pageSize, double maxErrorRatio, Duration progressEvery) {

		static Config from(Options options) {
			String baseUrl = options.string("base-url", "http://127.0.0.1:8080").trim();
			while (baseUrl.endsWith("/")) {
				baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
			}
			URI uri;
			try {
				uri = URI.create(baseUrl);
			}
			catch (IllegalArgumentException e) {
				throw new Options.UsageException("--base-url is not a URL: " + baseUrl);
			}
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
				throw new Options.UsageException("--base-url must be an http(s) URL with a host: " + baseUrl);
			}
			Duration duration = options.duration("duration", Duration.ofSeconds(30));
			if (duration.isZero()) {
				throw new Options.UsageException("--duration must be longer than 0");
			}
			Duration requestTimeout = options.duration("request-timeout", Duration.ofSeconds(30));
			Duration progressEvery = options.duration("progress-every", Duration.ofSeconds(5));
			if (requestTimeout.toMillis() < 1 || progressEvery.toMillis() < 1) {
				throw new Options.UsageException("--request-timeout and --progress-every must be at least 1ms");
			}
			double maxErrorRatio = options.decimal("max-error-ratio", 0.01);
			if (maxErrorRatio < 0 || maxErrorRatio > 1) {
				throw new Options.UsageException("--max-error-ratio must be within 0..1");
			}
			String json = options.string("json", null);
			return new Config(baseUrl, options.integer("clients", 16, 1), duration,
					options.duration("warmup", Duration.ofSeconds(10)), json == null ? null : Path.of(json),
					requestTimeout, options.integer("restock", 100_000, 0), options.integer("page-size", 50, 1),
					maxErrorRatio, progressEvery);
		}
	}

	private final Config config;

	private final PrintStream out;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final HttpClient http;

	private CheckoutLoad(Config config, PrintStream out) {
		this.config = config;
		this.out = out;
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5)).build();
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
			config = Config.from(options);
		}
		catch (Options.UsageException e) {
			err.println("CheckoutLoad: " + e.getMessage());
			err.println(USAGE);
			return 2;
		}
		return Programs.exitCode("CheckoutLoad", err, SetupException.class, new CheckoutLoad(config, out)::execute);
	}

	private int execute() throws InterruptedException, IOException {
		String runId = Long.toString(System.currentTimeMillis(), 36) + "-"
				+ UUID.randomUUID().toString().substring(0, 4);
		String startedAt = Instant.now().toString();
		out.printf("CheckoutLoad %s against %s: %d clients, warmup %s, duration %s (driver on Java %s)%n", runId,
				config.baseUrl(), config.clients(), Durations.format(config.warmup()),
				Durations.format(config.duration()), Runtime.version());

		List<String> customers = registerCustomers(runId);
		List<String> skus = readSkus();
		restock(skus);

		Measurement measurement = new Measurement(customers, skus);
		measurement.run();

		LoadResult result = new LoadResult(runId, config.baseUrl(), config.clients(), config.warmup(),
				config.duration(), measurement.measuredSeconds(), skus.size(), measurement.outcomes(),
				measurement.histogram(), startedAt, Runtime.version().toString());
		out.println();
		out.print(result.format());
		if (!measurement.examples.isEmpty()) {
			out.println("first answer of each non-confirmed kind:");
			new java.util.TreeMap<>(measurement.examples)
					.forEach((kind, example) -> out.printf("  %-18s: %s%n", kind, example));
		}
		if (config.json() != null) {
			Path parent = config.json().toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(config.json(),
					mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result.toJson()) + "\n");
			out.println("results written to " + config.json().toAbsolutePath());
		}
		if (result.confirmed() == 0) {
			out.println("FAILED: no checkout was confirmed");
			return 1;
		}
		if (result.errorRatio() > config.maxErrorRatio()) {
			out.printf("FAILED: %.2f %% of checkouts failed as requests (allowed: %.2f %%)%n",
					result.errorRatio() * 100, config.maxErrorRatio() * 100);
			return 1;
		}
		return 0;
	}

	// ---------------------------------------------------------------- setup

	private List<String> registerCustomers(String runId) throws InterruptedException {
		out.printf("setup: registering %d customers...%n", config.clients());
		List<String> ids = new ArrayList<>();
		for (int n = 1; n <= config.clients(); n++) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("email", "bench-" + runId + "-" + n + "@example.com");
			body.put("name", "Bench " + n);
			body.put("region", "EU");
			HttpResponse<String> response = send(post("/api/customers", body), "POST /api/customers");
			ids.add(parseId(response.body()));
		}
		return ids;
	}

	/** The {@code id} of a created resource. */
	static String parseId(String body) {
		try {
			JsonNode id = JsonMapper.shared().readTree(body).get("id");
			if (id == null || id.isNull() || id.asString().isBlank()) {
				throw new SetupException("answer has no id: " + abbreviate(body));
			}
			return id.asString();
		}
		catch (JacksonException e) {
			throw new SetupException("answer is not JSON: " + abbreviate(body));
		}
	}

	private List<String> readSkus() throws InterruptedException {
		String path = "/api/catalog/products?size=" + config.pageSize();
		HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(config.requestTimeout())
				.header("Accept", "application/json").GET().build();
		List<String> skus = parseSkus(send(request, "GET " + path).body());
		if (skus.isEmpty()) {
			throw new SetupException("GET " + path + " listed no active product with a sku");
		}
		out.printf("setup: %d products%n", skus.size());
		return skus;
	}

	/**
	 * The SKUs of the active products of a catalogue page ({@code {"content":[{"sku":..,"active":..}]}}).
	 * A product without an {@code active} field counts as active.
	 */
	static List<String> parseSkus(String body) {
		JsonNode page;
		try {
			page = JsonMapper.shared().readTree(body);
		}
		catch (JacksonException e) {
			throw new SetupException("catalogue answer is not JSON: " + abbreviate(body));
		}
		JsonNode content = page == null ? null : page.get("content");
		if (content == null || !content.isArray()) {
			throw new SetupException("catalogue answer has no content array: " + abbreviate(body));
		}
		List<String> skus = new ArrayList<>();
		for (JsonNode product : content) {
			JsonNode sku = product.get("sku");
			JsonNode active = product.get("active");
			boolean isActive = active == null || active.isNull() || active.asBoolean(true);
			if (sku != null && sku.isString() && !sku.stringValue().isBlank() && isActive) {
				skus.add(sku.stringValue());
			}
		}
		return skus;
	}

	private void restock(List<String> skus) throws InterruptedException {
		if (config.restock() == 0) {
			out.println("setup: restocking skipped (--restock 0)");
			return;
		}
		out.printf("setup: restocking %d products with %d units each...%n", skus.size(), config.restock());
		for (String sku : skus) {
			String path = "/api/inventory/" + pathSegment(sku) + "/restock";
			send(post(path, Map.of("quantity", config.restock())), "POST " + path);
		}
	}

	static String pathSegment(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private HttpRequest post(String path, Object body) {
		return HttpRequest.newBuilder(uri(path)).timeout(config.requestTimeout())
				.header("Content-Type", "application/json").header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))).build();
	}

	private URI uri(String path) {
		return URI.create(config.baseUrl() + path);
	}

	/** Sends a setup request and insists on a 2xx answer. */
	private HttpResponse<String> send(HttpRequest request, String what) throws InterruptedException {
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new SetupException(what + " failed: " + e + " (is the marketplace running at "
					+ config.baseUrl() + "?)");
		}
		if (response.statusCode() / 100 != 2) {
			throw new SetupException(what + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
		}
		return response;
	}

	static String abbreviate(String text) {
		if (text == null) {
			return "<no body>";
		}
		String flat = text.replaceAll("\\s+", " ").trim();
		return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
	}

	// ---------------------------------------------------------------- load

	/** The load phase: client threads, shared counters, and the progress printer. */
	private final class Measurement {

		private final List<String> customers;

		private final List<String> skus;

		private final LatencyHistogram[] histograms;

		private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

		private final Map<String, String> examples = new ConcurrentHashMap<>();

		private final LongAdder completed = new LongAdder();

		private final LongAdder measuredConfirmed = new LongAdder();

		private final LongAdder measuredErrors = new LongAdder();

		private final AtomicLong lastMeasuredFinish = new AtomicLong();

		private long start;

		private long measureStart;

		private long end;

		Measurement(List<String> customers, List<String> skus) {
			this.customers = customers;
			this.skus = skus;
			this.histograms = new LatencyHistogram[customers.size()];
			for (int i = 0; i < histograms.length; i++) {
				histograms[i] = new LatencyHistogram(HIGHEST_TRACKABLE_MICROS);
			}
		}

		void run() throws InterruptedException {
			start = System.nanoTime();
			measureStart = start + config.warmup().toNanos();
			end = measureStart + config.duration().toNanos();
			lastMeasuredFinish.set(measureStart);
			out.printf("load: %d clients for %s warmup + %s measured%n", customers.size(),
					Durations.format(config.warmup()), Durations.format(config.duration()));

			List<Thread> clients = new ArrayList<>();
			for (int i = 0; i < customers.size(); i++) {
				int client = i;
				Thread thread = new Thread(() -> loop(client), "checkout-client-" + client);
				thread.setDaemon(true);
				clients.add(thread);
			}
			ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
				Thread thread = new Thread(runnable, "checkout-progress");
				thread.setDaemon(true);
				return thread;
			});
			long every = config.progressEvery().toMillis();
			long[] previous = { start, 0 };
			progress.scheduleAtFixedRate(() -> printProgress(previous), every, every, TimeUnit.MILLISECONDS);
			try {
				clients.forEach(Thread::start);
				for (Thread thread : clients) {
					thread.join();
				}
			}
			finally {
				progress.shutdownNow();
				for (Thread thread : clients) {
					thread.interrupt();
				}
			}
		}

		private void printProgress(long[] previous) {
			long now = System.nanoTime();
			long done = completed.sum();
			double rate = (done - previous[1]) / ((now - previous[0]) / 1e9);
			previous[0] = now;
			previous[1] = done;
			String phase = now < measureStart ? "warmup" : now < end ? "measure" : "drain";
			out.printf("[%7.1fs] %-7s completed %8d  rate %8.1f/s  measured: confirmed %8d  errors %6d%n",
					(now - start) / 1e9, phase, done, rate, measuredConfirmed.sum(), measuredErrors.sum());
		}

		private void loop(int client) {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			LatencyHistogram histogram = histograms[client];
			String customerId = customers.get(client);
			while (!Thread.currentThread().isInterrupted()) {
				if (System.nanoTime() - end >= 0) {
					return;
				}
				String sku = skus.get(random.nextInt(skus.size()));
				HttpRequest request = order(customerId, sku);
				long begin = System.nanoTime();
				String kind;
				String example = null;
				try {
					HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
					kind = CheckoutOutcome.ofResponse(response.statusCode(), response.body(), mapper);
					if (!kind.equals(CheckoutOutcome.CONFIRMED)) {
						example = response.statusCode() + " " + abbreviate(response.body());
					}
				}
				catch (IOException e) {
					kind = CheckoutOutcome.ofException(e);
					example = e.toString();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
				long finish = System.nanoTime();
				completed.increment();
				if (begin - measureStart >= 0) {
					histogram.record((finish - begin) / 1000);
					outcomes.computeIfAbsent(kind, key -> new LongAdder()).increment();
					lastMeasuredFinish.accumulateAndGet(finish, (a, b) -> b - a > 0 ? b : a);
					if (kind.equals(CheckoutOutcome.CONFIRMED)) {
						measuredConfirmed.increment();
					}
					else if (CheckoutOutcome.isError(kind)) {
						measuredErrors.increment();
					}
				}
				if (example != null) {
					examples.putIfAbsent(kind, example);
				}
				if (kind.equals(CheckoutOutcome.CONNECT_ERROR) || kind.equals(CheckoutOutcome.IO_ERROR)) {
					// the server is gone or refusing: do not spin
					try {
						Thread.sleep(50);
					}
					catch (InterruptedException e) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
		}

		private HttpRequest order(String customerId, String sku) {
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("sku", sku);
			line.put("quantity", 1);
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("customerId", customerId);
			body.put("lines", List.of(line));
			body.put("paymentToken", "tok_visa");
			return HttpRequest.newBuilder(uri("/api/orders")).timeout(config.requestTimeout())
					.header("Content-Type", "application/json").header("Accept", "application/json")
					.header("Idempotency-Key", UUID.randomUUID().toString())
					.POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))).build();
		}

		double measuredSeconds() {
			long measuredEnd = lastMeasuredFinish.get();
			return Math.max(0, measuredEnd - measureStart) / 1e9;
		}

		Map<String, Long> outcomes() {
			Map<String, Long> counts = new LinkedHashMap<>();
			outcomes.forEach((kind, count) -> counts.put(kind, count.sum()));
			return counts;
		}

		LatencyHistogram histogram() {
			LatencyHistogram all = new LatencyHistogram(HIGHEST_TRACKABLE_MICROS);
			for (LatencyHistogram histogram : histograms) {
				all.add(histogram);
			}
			return all;
		}
	}

	/** The marketplace did not answer setup as expected. */
	static final class SetupException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		SetupException(String message) {
			super("setup failed: " + message);
		}
	}
}
