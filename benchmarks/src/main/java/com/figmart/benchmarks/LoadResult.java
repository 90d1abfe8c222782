package com.figmart.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of one {@link CheckoutLoad} run, counted after the warm-up only.
 *
 * @param outcomes how many checkouts ended in each {@link CheckoutOutcome} kind
 * @param latencyMicros the latency of every measured {@code POST /api/orders}, whatever its outcome
 * @param measuredSeconds wall time from the end of the warm-up until the last measured request finished
 */
public record LoadResult(String runId, String baseUrl, int clients, Duration warmup, Duration duration,
		double measuredSeconds, int products, Map<String, Long> outcomes, LatencyHistogram latencyMicros,
		String startedAt, String driverJavaVersion) {

	public LoadResult {
		outcomes = Map.copyOf(outcomes);
	}

	public long requests() {
		return outcomes.values().stream().mapToLong(Long::longValue).sum();
	}

	public long confirmed() {
		return outcomes.getOrDefault(CheckoutOutcome.CONFIRMED, 0L);
	}

	/** Requests that failed as requests (see {@link CheckoutOutcome#isError}). */
	public long errors() {
		return outcomes.entrySet().stream().filter(entry -> CheckoutOutcome.isError(entry.getKey()))
				.mapToLong(Map.Entry::getValue).sum();
	}

	public double errorRatio() {
		long requests = requests();
		return requests == 0 ? 0 : (double) errors() / requests;
	}

	public double confirmedPerSecond() {
		return measuredSeconds <= 0 ? 0 : confirmed() / measuredSeconds;
	}

	public double requestsPerSecond() {
		return measuredSeconds <= 0 ? 0 : requests() / measuredSeconds;
	}

	/** Every kind but {@code confirmed}, sorted by name. */
	public Map<String, Long> notConfirmed() {
		Map<String, Long> rest = new TreeMap<>(outcomes);
		rest.remove(CheckoutOutcome.CONFIRMED);
		return rest;
	}

	public double latencyMillis(double percentile) {
		return latencyMicros.valueAtPercentile(percentile) / 1000.0;
	}

	/** The block printed at the end of a run. */
	public String format() {
		StringBuilder text = new StringBuilder();
		text.append("=== CheckoutLoad result ===\n");
		line(text, "run id", runId);
		line(text, "base url", baseUrl);
		line(text, "clients", Integer.toString(clients));
		line(text, "products", Integer.toString(products));
		line(text, "warmup", Durations.format(warmup));
		line(text, "duration", Durations.format(duration) + " (measured " + decimal(measuredSeconds, 2) + " s)");
		line(text, "checkouts", requests() + " (confirmed " + confirmed() + ", not confirmed "
				+ (requests() - confirmed()) + ")");
		line(text, "confirmed/s", decimal(confirmedPerSecond(), 1));
		line(text, "requests/s", decimal(requestsPerSecond(), 1));
		line(text, "latency ms", "p50 " + decimal(latencyMillis(50), 2) + "  p90 " + decimal(latencyMillis(90), 2)
				+ "  p99 " + decimal(latencyMillis(99), 2) + "  max " + decimal(latencyMillis(100), 2) + "  (n="
				+ latencyMicros.totalCount() + ")");
		Map<String, Long> rest = notConfirmed();
		if (rest.isEmpty()) {
			line(text, "not confirmed", "none");
		}
		else {
			line(text, "not confirmed", "");
			rest.forEach((kind, count) -> text.append(String.format(Locale.ROOT, "  %-18s: %d%s\n", kind, count,
					CheckoutOutcome.isError(kind) ? "  (error)" : "")));
		}
		line(text, "errors", errors() + " (" + decimal(errorRatio() * 100, 2) + " % of checkouts)");
		return text.toString();
	}

	/** The document {@code --json FILE} writes; plain maps and numbers, field order fixed. */
	public Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("benchmark", "CheckoutLoad");
		json.put("runId", runId);
		json.put("startedAt", startedAt);
		json.put("baseUrl", baseUrl);
		json.put("driverJavaVersion", driverJavaVersion);
		json.put("clients", clients);
		json.put("products", products);
		json.put("warmupSeconds", warmup.toMillis() / 1000.0);
		json.put("durationSeconds", duration.toMillis() / 1000.0);
		json.put("measuredSeconds", round(measuredSeconds, 3));
		json.put("checkouts", requests());
		json.put("confirmed", confirmed());
		json.put("confirmedPerSecond", round(confirmedPerSecond(), 2));
		json.put("requestsPerSecond", round(requestsPerSecond(), 2));
		Map<String, Object> latency = new LinkedHashMap<>();
		latency.put("count", latencyMicros.totalCount());
		latency.put("mean", round(latencyMicros.mean() / 1000.0, 3));
		latency.put("p50", latencyMillis(50));
		latency.put("p90", latencyMillis(90));
		latency.put("p99", latencyMillis(99));
		latency.put("p999", latencyMillis(99.9));
		latency.put("max", latencyMillis(100));
		json.put("latencyMs", latency);
		json.put("outcomes", new TreeMap<>(outcomes));
		json.put("errors", errors());
		return json;
	}

	private static void line(StringBuilder text, String label, String value) {
		text.append(String.format(Locale.ROOT, "%-20s: %s\n", label, value));
	}

	static String decimal(double value, int digits) {
		return String.format(Locale.ROOT, "%." + digits + "f", value);
	}

	private static double round(double value, int digits) {
		double scale = Math.pow(10, digits);
		return Math.round(value * scale) / scale;
	}
}
