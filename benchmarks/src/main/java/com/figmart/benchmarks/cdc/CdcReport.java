package com.figmart.benchmarks.cdc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.figmart.benchmarks.Durations;

/** The Markdown report: settings and figures side by side, one column per replication, then the aims of issue 4. */
final class CdcReport {

	static final String BRIDGE = "bridge";

	static final String NATIVE = "native";

	static final long AIM_P99_MICROS = 100_000;

	static final double AIM_P99_VS_NATIVE = 2.0;

	static final Duration AIM_DRAIN = Duration.ofSeconds(15);

	static final long AIM_DRAIN_ROWS = 1_000_000;

	static final double AIM_APPLY_RATE_VS_NATIVE = 0.5;

	private CdcReport() {
	}

	static String markdown(String title, List<String> preamble, List<CdcResults> results, List<Integer> rates) {
		StringBuilder md = new StringBuilder();
		md.append("## ").append(title).append("\n\n");
		preamble.forEach((line) -> md.append(line).append('\n'));
		md.append('\n');
		for (CdcResults result : results) {
			if (result.failure() != null) {
				md.append("**").append(result.system()).append(" failed: ").append(result.failure()).append("**\n\n");
			}
		}

		md.append("### Replication settings\n\n");
		md.append(header("setting", results));
		Set<String> names = new LinkedHashSet<>();
		results.forEach((result) -> names.addAll(result.settings().keySet()));
		for (String name : names) {
			md.append(row(name, results, (result) -> code(result.settings().get(name))));
		}
		md.append('\n');

		md.append("### Results\n\n");
		md.append(header("measure", results));
		md.append(row("backfill rows/s (replication started → all rows visible)", results,
				(result) -> backfill(result).map((b) -> rate(b.rowsPerSecond())).orElse("")));
		md.append(row("backfill rows/s (first row applied → all visible)", results,
				(result) -> backfill(result).map((b) -> rate(b.copyRowsPerSecond())).orElse("")));
		md.append(row("backfill time (started → all visible)", results,
				(result) -> backfill(result).map((b) -> CdcBenchmark.seconds(b.total())).orElse("")));
		for (int rate : rates) {
			String at = String.format(Locale.ROOT, "%,d writes/s: ", rate);
			md.append(row(at + "achieved write rate (writer late by up to)", results, (result) -> steady(result, rate)
				.map((s) -> rate(s.writer().achievedRate()) + " (" + millis(s.writer().maxLateMicros()) + ")")
				.orElse("")));
			md.append(row(at + "lag p50", results, (result) -> steady(result, rate).map((s) -> millis(s.lag().p50Micros())).orElse("")));
			md.append(row(at + "**lag p99**", results,
					(result) -> steady(result, rate).map((s) -> "**" + millis(s.lag().p99Micros()) + "**").orElse("")));
			md.append(row(at + "lag p99.9", results, (result) -> steady(result, rate).map((s) -> millis(s.lag().p999Micros())).orElse("")));
			md.append(row(at + "lag max", results, (result) -> steady(result, rate).map((s) -> millis(s.lag().maxMicros())).orElse("")));
			md.append(row(at + "lag to the end of the target transaction p50 / p99", results, (result) -> steady(result, rate)
				.map((s) -> millis(s.visibleLag().p50Micros()) + " / " + millis(s.visibleLag().p99Micros()))
				.orElse("")));
			md.append(row(at + "target transactions (rows per transaction)", results, (result) -> steady(result, rate)
				.map((s) -> String.format(Locale.ROOT, "%,d (%.1f)", s.targetTransactions(),
						(double) s.lag().rows() / Math.max(1, s.targetTransactions())))
				.orElse("")));
			md.append(row(at + "lag p99 per window", results, (result) -> steady(result, rate)
				.map((s) -> windows(s.lag()) + " (per " + Durations.format(s.lag().window()) + ")")
				.orElse("")));
			md.append(row(at + "last row visible after the writing stopped", results,
					(result) -> steady(result, rate).map((s) -> CdcBenchmark.seconds(s.catchUp())).orElse("")));
			md.append(row(at + "rows measured / missing / write errors", results, (result) -> steady(result, rate)
				.map((s) -> String.format(Locale.ROOT, "%,d / %,d / %,d", s.lag().rows(), s.lag().missing(),
						s.writer().errors()))
				.orElse("")));
		}
		String transaction = results.stream()
			.filter((result) -> result.drain() != null)
			.findFirst()
			.map((result) -> String.format(Locale.ROOT, "%,d-row transaction: ", result.drain().rows()))
			.orElse("large transaction: ");
		md.append(row(transaction + "insert and commit on the source", results,
				(result) -> drain(result).map((d) -> CdcBenchmark.seconds(d.insert())).orElse("")));
		md.append(row(transaction + "**drain (commit → all rows visible)**", results,
				(result) -> drain(result).map((d) -> "**" + CdcBenchmark.seconds(d.drain()) + "**").orElse("")));
		md.append(row(transaction + "apply rate (rows / drain)", results,
				(result) -> drain(result).map((d) -> rate(d.applyRowsPerSecond())).orElse("")));
		md.append(row(transaction + "commit → first row applied", results,
				(result) -> drain(result).map((d) -> CdcBenchmark.seconds(d.firstApplied())).orElse("")));
		md.append(row(transaction + "first → last row applied", results,
				(result) -> drain(result).map((d) -> CdcBenchmark.seconds(d.applySpan())).orElse("")));
		md.append(row(transaction + "rows missing", results,
				(result) -> drain(result).map((d) -> String.format(Locale.ROOT, "%,d", d.missing())).orElse("")));
		md.append('\n');

		md.append("### CPU per phase\n\n");
		md.append("CPU seconds each process tree used during the phase (the rate phases include their warm-up and the "
				+ "wait for the target), and the cores all of them kept busy on average (the machine has "
				+ Runtime.getRuntime().availableProcessors() + ").\n\n");
		Set<String> processes = new LinkedHashSet<>();
		results.forEach((result) -> result.cpu().forEach((use) -> processes.addAll(use.seconds().keySet())));
		md.append("| system | phase | wall | ").append(String.join(" | ", processes)).append(" | cores busy |\n");
		md.append("| --- | --- | ---: |").append(" ---: |".repeat(processes.size())).append(" ---: |\n");
		for (CdcResults result : results) {
			for (CdcResults.CpuUse use : result.cpu()) {
				md.append("| ").append(result.system()).append(" | ").append(use.phase()).append(" | ")
					.append(String.format(Locale.ROOT, "%.1f s", use.wallSeconds())).append(" |");
				double total = 0;
				for (String process : processes) {
					Double seconds = use.seconds().get(process);
					md.append(seconds == null ? " " : String.format(Locale.ROOT, " %.1f", seconds)).append(" |");
					total += (seconds == null) ? 0 : seconds;
				}
				md.append(String.format(Locale.ROOT, " %.2f |\n", total / Math.max(0.001, use.wallSeconds())));
			}
		}
		md.append('\n');

		md.append("### Against the aims of issue 4\n\n");
		md.append("| aim | measured | met |\n| --- | ---: | --- |\n");
		aims(results).forEach((aim) -> md.append("| ").append(aim.aim()).append(" | ").append(aim.measured())
			.append(" | ").append(aim.met()).append(" |\n"));
		return md.toString();
	}

	record Aim(String aim, String measured, String met) {

		static Aim of(String aim, String measured, boolean met) {
			return new Aim(aim, measured, met ? "yes" : "**no**");
		}

		static Aim notMeasured(String aim, String why) {
			return new Aim(aim, why, "not measured");
		}

	}

	/** The aims of issue 4, judged for the bridge against native replication. */
	static List<Aim> aims(List<CdcResults> results) {
		Optional<CdcResults> bridge = results.stream().filter((result) -> result.system().equals(BRIDGE)).findFirst();
		Optional<CdcResults> nativeResult = results.stream().filter((result) -> result.system().equals(NATIVE)).findFirst();
		List<Aim> aims = new ArrayList<>();
		String p99Aim = "bridge: p99 lag ≤ 100 ms at 1,000 writes/s";
		String p99VsNativeAim = "bridge: p99 lag ≤ 2x native's at 1,000 writes/s";
		String boundedAim = "bridge: lag bounded at 5,000 writes/s (last window's p99 ≤ 2x the first's + 50 ms, nothing missing, rate reached)";
		String drainAim = "bridge: the 1,000,000-row transaction drained in ≤ 15 s";
		String rateAim = "bridge: apply rate of the large transaction ≥ 0.5x native's";
		Optional<CdcResults.Steady> bridge1000 = bridge.flatMap((result) -> steady(result, 1000));
		Optional<CdcResults.Steady> native1000 = nativeResult.flatMap((result) -> steady(result, 1000));
		if (bridge1000.isEmpty()) {
			aims.add(Aim.notMeasured(p99Aim, "the bridge was not measured at 1,000 writes/s"));
			aims.add(Aim.notMeasured(p99VsNativeAim, ""));
		}
		else {
			long p99 = bridge1000.get().lag().p99Micros();
			boolean complete = bridge1000.get().lag().missing() == 0;
			aims.add(Aim.of(p99Aim, millis(p99) + (complete ? "" : " (rows missing)"), complete && p99 <= AIM_P99_MICROS));
			if (native1000.isEmpty()) {
				aims.add(Aim.notMeasured(p99VsNativeAim, "native was not measured at 1,000 writes/s"));
			}
			else {
				double ratio = ratio(p99, native1000.get().lag().p99Micros());
				aims.add(Aim.of(p99VsNativeAim, String.format(Locale.ROOT, "%.1fx (%s vs %s)", ratio, millis(p99),
						millis(native1000.get().lag().p99Micros())), complete && ratio <= AIM_P99_VS_NATIVE));
			}
		}
		if (bridge.isEmpty()) {
			aims.add(Aim.notMeasured(boundedAim, "the bridge was not measured"));
		}
		else {
			aims.add(bounded(boundedAim, bridge.get()));
		}
		nativeResult.ifPresent((result) -> aims.add(bounded("(reference) native: lag bounded at 5,000 writes/s", result)));
		Optional<CdcResults.Drain> bridgeDrain = bridge.flatMap(CdcReport::drain);
		Optional<CdcResults.Drain> nativeDrain = nativeResult.flatMap(CdcReport::drain);
		if (bridgeDrain.isEmpty() || bridgeDrain.get().drain() == null) {
			aims.add(Aim.notMeasured(drainAim, bridge.isEmpty() ? "the bridge was not measured" : "no complete drain"));
			aims.add(Aim.notMeasured(rateAim, ""));
		}
		else {
			CdcResults.Drain drain = bridgeDrain.get();
			if (drain.rows() != AIM_DRAIN_ROWS) {
				aims.add(Aim.notMeasured(drainAim, String.format(Locale.ROOT, "%s for %,d rows",
						CdcBenchmark.seconds(drain.drain()), drain.rows())));
			}
			else {
				aims.add(Aim.of(drainAim, CdcBenchmark.seconds(drain.drain()),
						drain.missing() == 0 && drain.drain().compareTo(AIM_DRAIN) <= 0));
			}
			if (nativeDrain.isEmpty() || nativeDrain.get().drain() == null) {
				aims.add(Aim.notMeasured(rateAim, "native was not measured"));
			}
			else {
				double ratio = drain.applyRowsPerSecond() / nativeDrain.get().applyRowsPerSecond();
				aims.add(Aim.of(rateAim, String.format(Locale.ROOT, "%.2fx (%s vs %s rows/s)", ratio,
						rate(drain.applyRowsPerSecond()), rate(nativeDrain.get().applyRowsPerSecond())),
						ratio >= AIM_APPLY_RATE_VS_NATIVE));
			}
		}
		return aims;
	}

	private static Aim bounded(String aim, CdcResults result) {
		Optional<CdcResults.Steady> at5000 = steady(result, 5000);
		if (at5000.isEmpty()) {
			return Aim.notMeasured(aim, result.system() + " was not measured at 5,000 writes/s");
		}
		LagStats lag = at5000.get().lag();
		double achieved = at5000.get().writer().achievedRate();
		return Aim.of(aim, String.format(Locale.ROOT, "p99 per window %s ms; achieved %s writes/s", windows(lag),
				rate(achieved)), lag.bounded() && achieved >= 0.95 * 5000);
	}

	static Optional<CdcResults.Steady> steady(CdcResults result, int rate) {
		return result.steady().stream().filter((steady) -> steady.writer().targetRate() == rate).findFirst();
	}

	static Optional<CdcResults.Backfill> backfill(CdcResults result) {
		return Optional.ofNullable(result.backfill());
	}

	static Optional<CdcResults.Drain> drain(CdcResults result) {
		return Optional.ofNullable(result.drain());
	}

	static String settingsLine(Map<String, String> settings) {
		return settings.entrySet()
			.stream()
			.map((entry) -> "`" + entry.getKey() + "=" + entry.getValue() + "`")
			.collect(Collectors.joining(", "));
	}

	static String windows(LagStats lag) {
		return lag.windowP99Micros().stream().map(CdcReport::millisShort).collect(Collectors.joining(" "));
	}

	static String millis(long micros) {
		return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
	}

	private static String millisShort(long micros) {
		return String.format(Locale.ROOT, micros < 9_950 ? "%.1f" : "%.0f", micros / 1000.0);
	}

	static String rate(double perSecond) {
		return Double.isNaN(perSecond) ? "—" : String.format(Locale.ROOT, "%,.0f", perSecond);
	}

	private static double ratio(long value, long reference) {
		return (double) value / Math.max(1, reference);
	}

	private static String code(String value) {
		return value == null ? "" : "`" + value + "`";
	}

	private static String header(String first, List<CdcResults> results) {
		StringBuilder line = new StringBuilder("| " + first + " |");
		StringBuilder rule = new StringBuilder("| --- |");
		for (CdcResults result : results) {
			line.append(' ').append(result.system()).append(" |");
			rule.append(" ---: |");
		}
		return line + "\n" + rule + "\n";
	}

	private static String row(String name, List<CdcResults> results, Function<CdcResults, String> cell) {
		StringBuilder line = new StringBuilder("| " + name + " |");
		for (CdcResults result : results) {
			line.append(' ').append(cell.apply(result)).append(" |");
		}
		return line + "\n";
	}

}
