package com.figmart.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The timed runs of one {@link StartupTime} invocation.
 *
 * @param runMillis time from process start to the first ready answer of each timed run, in order
 * @param freshData whether every run had a new, empty data directory
 * @param javaVersion the first line of {@code java -version} of the JDK that ran the jar
 */
public record StartupResult(String jar, String java, String javaVersion, boolean freshData, List<Long> runMillis) {

	public StartupResult {
		runMillis = List.copyOf(runMillis);
		if (runMillis.isEmpty()) {
			throw new IllegalArgumentException("no runs");
		}
	}

	public long min() {
		return runMillis.stream().mapToLong(Long::longValue).min().orElseThrow();
	}

	public long max() {
		return runMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
	}

	/** The middle value; for an even count the mean of the two middle values. */
	public double median() {
		List<Long> sorted = new ArrayList<>(runMillis);
		sorted.sort(null);
		int middle = sorted.size() / 2;
		if (sorted.size() % 2 == 1) {
			return sorted.get(middle);
		}
		return (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
	}

	public double mean() {
		return runMillis.stream().mapToLong(Long::longValue).average().orElseThrow();
	}

	/** The block printed at the end. */
	public String format() {
		StringBuilder text = new StringBuilder();
		text.append("=== StartupTime result ===\n");
		line(text, "jar", jar);
		line(text, "java", java);
		line(text, "java version", javaVersion);
		line(text, "data directory", freshData ? "fresh (new empty directory per run)"
				: "reused (initialised by one untimed run first)");
		for (int i = 0; i < runMillis.size(); i++) {
			line(text, "run " + (i + 1), runMillis.get(i) + " ms");
		}
		line(text, "min / median / max", min() + " / " + formatMillis(median()) + " / " + max() + " ms");
		line(text, "mean", formatMillis(mean()) + " ms");
		return text.toString();
	}

	/** The document {@code --json FILE} writes. */
	public Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("benchmark", "StartupTime");
		json.put("jar", jar);
		json.put("java", java);
		json.put("javaVersion", javaVersion);
		json.put("freshData", freshData);
		json.put("runsMs", runMillis);
		json.put("minMs", min());
		json.put("medianMs", median());
		json.put("maxMs", max());
		json.put("meanMs", Math.round(mean() * 10) / 10.0);
		return json;
	}

	/** Whole milliseconds without a fraction, otherwise one decimal: {@code 1234}, {@code 1234.5}. */
	static String formatMillis(double millis) {
		if (millis == Math.rint(millis)) {
			return Long.toString((long) millis);
		}
		return String.format(Locale.ROOT, "%.1f", millis);
	}

	private static void line(StringBuilder text, String label, String value) {
		text.append(String.format(Locale.ROOT, "%-20s: %s\n", label, value));
	}
}
