package com.figmart.benchmarks.gateway;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * What one setup (direct, nginx, a gateway configuration) achieved with one response kind: the medians of its
 * closed-loop wrk runs and of its fixed-rate runs.
 *
 * @param setup the setup's id (see {@link GatewayBenchmark})
 * @param requestsPerSecond median wrk throughput
 * @param wrkP50Micros median of the runs' closed-loop p50 (likewise p99)
 * @param wrkErrors socket errors and non-2xx answers, all wrk runs together
 * @param rate the fixed rate, requests per second (the same for every setup)
 * @param rateP50Micros median of the fixed-rate runs' p50, latency from the due time (likewise p99)
 * @param rateErrors failed requests, all fixed-rate runs together
 */
record SetupResult(String setup, double requestsPerSecond, long wrkP50Micros, long wrkP99Micros, long wrkErrors,
		double rate, long rateP50Micros, long rateP99Micros, long rateErrors) {

	static SetupResult of(String setup, List<WrkResult> wrkRuns, double rate, List<OpenLoopLoad.Result> rateRuns) {
		return new SetupResult(setup, median(wrkRuns, WrkResult::requestsPerSecond),
				medianLong(wrkRuns, WrkResult::p50Micros), medianLong(wrkRuns, WrkResult::p99Micros),
				wrkRuns.stream().mapToLong(WrkResult::errors).sum(), rate,
				medianLong(rateRuns, OpenLoopLoad.Result::p50Micros), medianLong(rateRuns, OpenLoopLoad.Result::p99Micros),
				rateRuns.stream().mapToLong(OpenLoopLoad.Result::errors).sum());
	}

	/** The median; the mean of the two middle values for an even count; NaN for none. */
	static <T> double median(List<T> values, ToDoubleFunction<T> value) {
		double[] sorted = values.stream().mapToDouble(value).sorted().toArray();
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	static <T> long medianLong(List<T> values, ToLongFunction<T> value) {
		if (values.isEmpty()) {
			return -1;
		}
		return Math.round(median(Arrays.asList(values.stream().mapToLong(value).boxed().toArray(Long[]::new)),
				Long::doubleValue));
	}

}
