package com.figmart.strangler.rules.bench;

import com.figmart.strangler.rules.Match;
import com.figmart.strangler.rules.RouteRule;
import com.figmart.strangler.rules.RuleIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Lookup latency of the trie {@link RuleIndex} versus a {@link LinearScanRouter}, with 1 and 1,000 rules.
 * The request always matches the <em>last-defined</em> rule, the worst case for a scan in definition order.
 * The rules mix methods, variables, wildcards and catch-alls so the scan cannot reject them by method alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class RuleIndexBenchmark {

	@Param({ "1", "1000" })
	public int ruleCount;

	private RuleIndex index;
	private LinearScanRouter linear;
	private String method;
	private String path;

	@Setup
	public void setUp() {
		List<RouteRule> rules = new ArrayList<>(ruleCount);
		for (int i = 1; i < ruleCount; i++) {
			rules.add(filler(i));
		}
		rules.add(RouteRule.of("last", "GET /api/svc" + ruleCount + "/items/{id}",
				com.figmart.strangler.rules.Mode.NEW, "svc-last", 1));
		index = RuleIndex.of(rules);
		linear = new LinearScanRouter(rules);
		method = "GET";
		path = "/api/svc" + ruleCount + "/items/42?expand=parts";
		String expected = "last";
		if (!index.match(method, path).orElseThrow().rule().id().equals(expected)
				|| !linear.match(method, path).orElseThrow().rule().id().equals(expected)) {
			throw new IllegalStateException("both routers must pick the last-defined rule");
		}
	}

	private static RouteRule filler(int i) {
		com.figmart.strangler.rules.Mode mode = com.figmart.strangler.rules.Mode.canary(i % 101);
		switch (i % 4) {
			case 0:
				return RouteRule.of("r" + i, "GET /api/svc" + i + "/items/{id}", mode, "svc-" + i, 1);
			case 1:
				return RouteRule.of("r" + i, "POST,PUT /api/svc" + i + "/items", mode, "svc-" + i, 1);
			case 2:
				return RouteRule.of("r" + i, "/api/svc" + i + "/**", mode, "svc-" + i, 1);
			default:
				return RouteRule.of("r" + i, "GET /api/svc" + i + "/items/{id}/parts/*", mode, "svc-" + i, 1);
		}
	}

	@Benchmark
	public Optional<Match> trieIndex() {
		return index.match(method, path);
	}

	@Benchmark
	public Optional<Match> linearScan() {
		return linear.match(method, path);
	}
}
