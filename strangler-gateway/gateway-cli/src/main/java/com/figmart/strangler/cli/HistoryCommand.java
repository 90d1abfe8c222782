package com.figmart.strangler.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code history}: every audited change of every rule, newest first. */
@Command(name = "history",
		description = "Shows the audited changes of all rules, newest first (automatic rollbacks included).")
final class HistoryCommand implements Callable<Integer> {

	@ParentCommand
	RootCommand root;

	@Mixin
	HelpOption help;

	@Option(names = "--limit", defaultValue = "50", description = "How many changes, at most (default ${DEFAULT-VALUE}).")
	int limit;

	@Mixin
	Output output = new Output();

	@Override
	public Integer call() {
		if (this.limit < 1) {
			throw this.root.usage("--limit must be at least 1, was " + this.limit);
		}
		JsonNode answer = this.root.client().history(this.limit);
		PrintWriter out = this.root.out();
		if (this.output.json()) {
			Json.print(out, answer);
		}
		else {
			Rules.printChanges(out, answer.path("changes"));
		}
		return GatewayCli.OK;
	}

}
