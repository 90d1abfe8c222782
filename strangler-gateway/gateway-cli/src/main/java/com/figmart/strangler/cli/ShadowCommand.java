package com.figmart.strangler.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/**
 * {@code shadow [RULE]}: how the new targets of SHADOW rules compare with the monolith
 * ({@code GET /admin/api/shadow}, {@code GET /admin/api/shadow/{rule}}), and {@code shadow reset RULE}.
 */
@Command(name = "shadow",
		description = { "Shows how SHADOW rules' new targets compare with the monolith: a summary of every rule, "
				+ "or one rule's figures with its last mismatches and A/A noise." },
		subcommands = ShadowCommand.Reset.class)
final class ShadowCommand implements Callable<Integer> {

	@ParentCommand
	RootCommand root;

	@Mixin
	HelpOption help;

	@Parameters(paramLabel = "RULE", arity = "0..1", description = "A rule's id: its figures and last mismatches.")
	String ruleId;

	@Mixin
	Output output = new Output();

	@Override
	public Integer call() {
		AdminClient client = this.root.client();
		JsonNode answer = (this.ruleId != null) ? client.shadowReport(this.ruleId) : client.shadow();
		PrintWriter out = this.root.out();
		if (this.output.json()) {
			Json.print(out, answer);
		}
		else if (this.ruleId != null) {
			printReport(out, answer);
		}
		else {
			printSummaries(out, answer.path("rules"));
		}
		return GatewayCli.OK;
	}

	@Command(name = "reset", description = "Starts a rule's shadow figures afresh (e.g. after changing its ignored paths).")
	static final class Reset implements Callable<Integer> {

		@ParentCommand
		ShadowCommand shadow;

		@Mixin
		HelpOption help;

		@Parameters(paramLabel = "RULE", description = "The rule's id.")
		String ruleId;

		@Override
		public Integer call() {
			this.shadow.root.client().resetShadow(this.ruleId);
			PrintWriter out = this.shadow.root.out();
			out.println("reset the shadow figures of " + this.ruleId);
			out.flush();
			return GatewayCli.OK;
		}

	}

	static void printSummaries(PrintWriter out, JsonNode summaries) {
		if (!summaries.isArray() || summaries.isEmpty()) {
			out.println("No shadow figures: no rule is in SHADOW mode, or none has seen traffic yet.");
			out.flush();
			return;
		}
		Table table = new Table("RULE", "COMPARED", "MATCH", "MISMATCH", "NOISE", "EXCESS", "IGNORED", "ERRORS",
				"DROPPED", "DELTA_MEAN_MS", "DELTA_P99_MS", "SINCE");
		for (JsonNode summary : summaries) {
			table.row(Json.text(summary, "ruleId"), Json.text(summary, "compared"), percent(summary, "matchRate"),
					percent(summary, "mismatchRate"), percent(summary, "noiseRate"), percent(summary, "excessMismatchRate"),
					Json.text(summary, "ignored"), Json.text(summary, "errors"), Json.text(summary, "dropped"),
					millis(summary, "meanLatencyDeltaMillis"), millis(summary, "p99LatencyDeltaMillis"),
					Json.text(summary, "since"));
		}
		table.print(out);
	}

	/** One rule: every figure, then the last mismatches and the last A/A differences with what differed. */
	static void printReport(PrintWriter out, JsonNode report) {
		JsonNode summary = report.path("summary");
		Table figures = new Table("FIGURE", "VALUE");
		for (Map.Entry<String, JsonNode> figure : summary.properties()) {
			JsonNode value = figure.getValue();
			if (value.isObject()) {
				List<String> counts = new ArrayList<>();
				value.properties().forEach((count) -> counts.add(count.getKey() + "=" + Json.display(count.getValue())));
				figures.row(figure.getKey(), String.join(" ", counts));
			}
			else if (figure.getKey().endsWith("Rate")) {
				figures.row(figure.getKey(), percent(summary, figure.getKey()));
			}
			else {
				figures.row(figure.getKey(), value.isNull() ? null : Json.display(value));
			}
		}
		figures.print(out);
		printMismatches(out, "Last mismatches of the new target", report.path("mismatches"));
		printMismatches(out, "Last A/A differences (the monolith against itself)", report.path("noise"));
		out.flush();
	}

	private static void printMismatches(PrintWriter out, String heading, JsonNode mismatches) {
		out.println();
		if (!mismatches.isArray() || mismatches.isEmpty()) {
			out.println(heading + ": none");
			return;
		}
		out.println(heading + ":");
		for (JsonNode mismatch : mismatches) {
			out.println("  " + Json.text(mismatch, "at") + "  " + Json.text(mismatch, "method") + " "
					+ Json.text(mismatch, "path") + "  " + Json.text(mismatch, "legacyStatus") + " vs "
					+ Json.text(mismatch, "newStatus"));
			for (JsonNode difference : mismatch.path("differences")) {
				out.println("      " + Json.display(difference));
			}
		}
	}

	private static String percent(JsonNode node, String member) {
		JsonNode rate = node.path(member);
		if (!rate.isNumber()) {
			return null;
		}
		double value = rate.doubleValue() * 100;
		return String.format(Locale.ROOT, (value != 0 && Math.abs(value) < 1) ? "%.2f%%" : "%.1f%%", value);
	}

	private static String millis(JsonNode node, String member) {
		JsonNode value = node.path(member);
		return value.isNumber() ? String.format(Locale.ROOT, "%+.1f", value.doubleValue()) : null;
	}

}
