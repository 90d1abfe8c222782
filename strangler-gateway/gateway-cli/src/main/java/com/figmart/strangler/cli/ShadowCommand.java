package com.figmart.strangler.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/**
 * {@code shadow}: the shadow comparison figures per rule ({@code GET /admin/api/shadow}). The table shows each
 * entry's plain values as columns, so it keeps working as the figures the gateway reports grow; {@code -o json}
 * shows everything.
 */
@Command(name = "shadow",
		description = "Shows the shadow comparison summary per rule (matched, mismatched, noise, latency).")
final class ShadowCommand implements Callable<Integer> {

	@ParentCommand
	RootCommand root;

	@Mixin
	HelpOption help;

	@Mixin
	Output output = new Output();

	@Override
	public Integer call() {
		JsonNode answer = this.root.client().shadow();
		PrintWriter out = this.root.out();
		if (this.output.json()) {
			Json.print(out, answer);
		}
		else {
			printSummary(out, answer);
		}
		return GatewayCli.OK;
	}

	/** The first array in the answer (or the answer itself), one row per element, a column per plain member. */
	static void printSummary(PrintWriter out, JsonNode answer) {
		JsonNode entries = entries(answer);
		if (entries == null || entries.isEmpty()) {
			out.println("No shadow figures: no rule is in SHADOW mode, or none has seen traffic yet.");
			out.flush();
			return;
		}
		List<String> columns = new ArrayList<>();
		for (JsonNode entry : entries) {
			for (Map.Entry<String, JsonNode> member : entry.properties()) {
				if (member.getValue().isValueNode() && !columns.contains(member.getKey())) {
					columns.add(member.getKey());
				}
			}
		}
		Table table = new Table(columns.toArray(String[]::new));
		for (JsonNode entry : entries) {
			table.row(columns.stream().map((column) -> Json.text(entry, column)).toArray(String[]::new));
		}
		table.print(out);
	}

	private static JsonNode entries(JsonNode answer) {
		if (answer == null) {
			return null;
		}
		if (answer.isArray()) {
			return answer;
		}
		for (JsonNode value : answer.values()) {
			if (value.isArray()) {
				return value;
			}
		}
		return null;
	}

}
