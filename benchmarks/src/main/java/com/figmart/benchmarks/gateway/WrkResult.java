package com.figmart.benchmarks.gateway;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One wrk run, read from the {@code WRK_RESULT} line that {@code report.lua} prints.
 *
 * @param requests answered requests
 * @param durationMicros the run's wall time
 * @param p50Micros latency percentiles and maximum, µs (closed loop: each connection waits for its answer)
 * @param errors socket errors, timeouts and non-2xx/3xx answers together
 */
record WrkResult(long requests, long durationMicros, long p50Micros, long p90Micros, long p99Micros,
		long p999Micros, long maxMicros, long errors) {

	private static final Pattern LINE = Pattern.compile("^WRK_RESULT (.*)$", Pattern.MULTILINE);

	private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\d+)");

	double requestsPerSecond() {
		return requests * 1e6 / durationMicros;
	}

	/**
	 * @throws IllegalArgumentException when the output has no {@code WRK_RESULT} line (wrk failed, or ran
	 * without the script)
	 */
	static WrkResult parse(String output) {
		Matcher line = LINE.matcher(output);
		if (!line.find()) {
			throw new IllegalArgumentException("no WRK_RESULT line in wrk's output:\n" + output);
		}
		Map<String, Long> fields = new HashMap<>();
		Matcher field = FIELD.matcher(line.group(1));
		while (field.find()) {
			fields.put(field.group(1), Long.parseLong(field.group(2)));
		}
		long errors = get(fields, "connect_errors") + get(fields, "read_errors") + get(fields, "write_errors")
				+ get(fields, "status_errors") + get(fields, "timeouts");
		return new WrkResult(get(fields, "requests"), get(fields, "duration_us"), get(fields, "p50_us"),
				get(fields, "p90_us"), get(fields, "p99_us"), get(fields, "p999_us"), get(fields, "max_us"), errors);
	}

	private static long get(Map<String, Long> fields, String name) {
		Long value = fields.get(name);
		if (value == null) {
			throw new IllegalArgumentException("WRK_RESULT has no " + name + ": " + fields);
		}
		return value;
	}

}
