package com.figmart.benchmarks.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the results into Markdown: one table per response kind, the ratios against direct, and the aims
 * marked met or not met.
 */
final class BenchmarkReport {

	static final String DIRECT = "direct";

	static final String NGINX = "nginx";

	static final String ONE_RULE = "gateway-1-rule";

	static final String THOUSAND_RULES = "gateway-1000-rules";

	static final String SHADOW = "gateway-shadow";

	static final String EDGE = "gateway-edge-on";

	private static final Map<String, String> LABELS = Map.of(DIRECT, "direct to the backend", NGINX,
			"nginx (plain reverse proxy)", ONE_RULE, "gateway, 1 rule (LEGACY)", THOUSAND_RULES,
			"gateway, 1,000 rules, the last matches", SHADOW, "gateway, 1 rule in SHADOW", EDGE,
			"gateway, 1 rule, edge filters on");

	private BenchmarkReport() {
	}

	static String label(String setup) {
		return LABELS.getOrDefault(setup, setup);
	}

	/**
	 * @param title the heading
	 * @param preamble lines printed under the heading (machine, settings, notes)
	 * @param results per response kind (its heading as key), the setups in table order; {@link #DIRECT} must be
	 * among them
	 * @param shadowMirrored whether the shadow copies reached the new target; if not, the SHADOW aims are not judged
	 */
	static String markdown(String title, List<String> preamble, Map<String, List<SetupResult>> results,
			boolean shadowMirrored) {
		StringBuilder md = new StringBuilder("## ").append(title).append("\n\n");
		preamble.forEach((line) -> md.append(line).append('\n'));
		md.append('\n');
		results.forEach((response, setups) -> table(md, response, setups));
		aims(md, results, shadowMirrored);
		return md.toString();
	}

	/**
	 * Whether a setup did not keep up with the fixed rate: its median latency at that rate is over 5 ms and over
	 * ten times direct's. Its p99 then measures a queue, not the proxy.
	 */
	static boolean saturated(SetupResult setup, SetupResult direct) {
		return setup.rateP50Micros() > 5_000 && setup.rateP50Micros() > 10 * direct.rateP50Micros();
	}

	private static void table(StringBuilder md, String response, List<SetupResult> setups) {
		SetupResult direct = find(setups, DIRECT).orElseThrow();
		md.append("### ").append(response).append("\n\n");
		md.append("| setup | req/s (wrk, median) | vs direct | wrk p50 | wrk p99 | at ")
			.append(String.format(Locale.ROOT, "%.0f", direct.rate()))
			.append(" req/s: p50 | p99 | p99 − direct | p99 / direct | errors |\n");
		md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (SetupResult s : setups) {
			boolean isDirect = s.setup().equals(DIRECT);
			md.append("| ").append(label(s.setup()))
				.append(" | ").append(String.format(Locale.ROOT, "%,.0f", s.requestsPerSecond()))
				.append(" | ").append(isDirect ? "1" : ratio(s.requestsPerSecond() / direct.requestsPerSecond()))
				.append(" | ").append(millis(s.wrkP50Micros()))
				.append(" | ").append(millis(s.wrkP99Micros()))
				.append(" | ").append(millis(s.rateP50Micros()))
				.append(" | ").append(millis(s.rateP99Micros()))
				.append(" | ").append(isDirect ? "" : signedMillis(s.rateP99Micros() - direct.rateP99Micros()))
				.append(" | ").append(isDirect ? "" : ratio((double) s.rateP99Micros() / direct.rateP99Micros()))
				.append(" | ").append(s.wrkErrors() + s.rateErrors())
				.append(" |\n");
		}
		md.append('\n');
		List<String> saturated = setups.stream().filter((s) -> saturated(s, direct)).map((s) -> label(s.setup())).toList();
		if (!saturated.isEmpty()) {
			md.append("**Saturated at the fixed rate** (median latency over 5 ms and ten times direct's; the p99 measures ")
				.append("a queue, lower `--rate-fraction`): ").append(String.join(", ", saturated)).append(".\n\n");
		}
	}

	/**
	 * One line per aim of the issue and response kind: the figure and whether it is met. The throughput aim is
	 * 0.95x of direct for the response kind whose heading starts with "Slow", 0.5x for the others.
	 */
	static List<Aim> aims(Map<String, List<SetupResult>> results, boolean shadowMirrored) {
		List<Aim> aims = new ArrayList<>();
		for (Map.Entry<String, List<SetupResult>> entry : results.entrySet()) {
			String response = shortName(entry.getKey());
			List<SetupResult> setups = entry.getValue();
			SetupResult direct = find(setups, DIRECT).orElseThrow();
			Optional<SetupResult> one = find(setups, ONE_RULE);
			double throughputAim = response.equalsIgnoreCase("slow") ? 0.95 : 0.5;
			one.ifPresent((gateway) -> {
				double ratio = gateway.requestsPerSecond() / direct.requestsPerSecond();
				aims.add(new Aim(response + ": gateway throughput ≥ " + throughputAim + "x of direct", ratio(ratio),
						ratio >= throughputAim));
				double delta = (gateway.rateP99Micros() - direct.rateP99Micros()) / 1000.0;
				aims.add(new Aim(response + ": gateway p99 ≤ direct + 2 ms at equal rate",
						String.format(Locale.ROOT, "%+.2f ms", delta), delta <= 2.0));
				double p99Ratio = (double) gateway.rateP99Micros() / direct.rateP99Micros();
				aims.add(new Aim(response + ": gateway p99 ≤ 1.5x direct at equal rate", ratio(p99Ratio),
						p99Ratio <= 1.5));
				find(setups, SHADOW).ifPresent((shadow) -> {
					double p99Cost = (double) shadow.rateP99Micros() / gateway.rateP99Micros() - 1;
					aims.add(new Aim(response + ": SHADOW adds ≤ 5 % to p99 (equal rate, vs 1 rule)", percent(p99Cost),
							p99Cost <= 0.05, shadowMirrored));
					double throughputCost = 1 - shadow.requestsPerSecond() / gateway.requestsPerSecond();
					aims.add(new Aim(response + ": SHADOW costs ≤ 10 % of throughput (vs 1 rule)",
							percent(throughputCost), throughputCost <= 0.10, shadowMirrored));
				});
				find(setups, THOUSAND_RULES).ifPresent((thousand) -> {
					double rules = thousand.requestsPerSecond() / gateway.requestsPerSecond();
					aims.add(new Aim(response + ": 1,000 rules ≥ 0.9x of 1 rule (throughput)", ratio(rules),
							rules >= 0.9));
				});
			});
		}
		return aims;
	}

	private static void aims(StringBuilder md, Map<String, List<SetupResult>> results, boolean shadowMirrored) {
		md.append("### Against the aims of issue 3\n\n| aim | measured | met |\n| --- | ---: | --- |\n");
		for (Aim aim : aims(results, shadowMirrored)) {
			md.append("| ").append(aim.aim()).append(" | ").append(aim.measured()).append(" | ")
				.append(!aim.judged() ? "not judged: no shadow copies arrived" : aim.met() ? "yes" : "**no**")
				.append(" |\n");
		}
		Map<String, String> anchors = new LinkedHashMap<>();
		results.forEach((response, setups) -> find(setups, NGINX).ifPresent((nginx) -> anchors.put(shortName(response),
				ratio(nginx.requestsPerSecond() / find(setups, DIRECT).orElseThrow().requestsPerSecond()))));
		if (!anchors.isEmpty()) {
			md.append("\nnginx against direct (published anchor for the tiny response: about 0.56x; Spring Cloud Gateway ")
				.append("alone 0.28x to 0.41x): ");
			List<String> parts = new ArrayList<>();
			anchors.forEach((response, ratio) -> parts.add(response + " " + ratio));
			md.append(String.join(", ", parts)).append(".\n");
		}
	}

	private static String shortName(String response) {
		int space = response.indexOf(' ');
		return (space > 0) ? response.substring(0, space) : response;
	}

	private static Optional<SetupResult> find(List<SetupResult> setups, String setup) {
		return setups.stream().filter((s) -> s.setup().equals(setup)).findFirst();
	}

	static String ratio(double ratio) {
		return String.format(Locale.ROOT, "%.2fx", ratio);
	}

	static String percent(double fraction) {
		return String.format(Locale.ROOT, "%+.1f %%", fraction * 100);
	}

	static String millis(long micros) {
		return (micros < 0) ? "–" : String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
	}

	static String signedMillis(long micros) {
		return String.format(Locale.ROOT, "%+.2f ms", micros / 1000.0);
	}

	/**
	 * One aim of the issue, its measured figure, and whether the figure meets it; an aim that the run could not
	 * measure (SHADOW without copies) is not judged.
	 */
	record Aim(String aim, String measured, boolean met, boolean judged) {

		Aim(String aim, String measured, boolean met) {
			this(aim, measured, met, true);
		}

	}

}
