package com.figmart.migration.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import com.figmart.cdc.cli.CdcCli;
import com.figmart.strangler.cli.GatewayCli;

/**
 * The gateway's and the CDC bridge's own command-line clients, under {@code figmart}: the same commands, options,
 * output and exit codes, so a newcomer learns one command and a script can rely on the documented codes.
 */
final class PassThroughCommands {

	private PassThroughCommands() {
	}

	@Command(name = "route", description = { "The gateway's routing rules: every figmart-gateway command, e.g.",
			"  figmart route rules list", "  figmart route rules set-mode catalog-reads SHADOW --reason 'compare first'",
			"  figmart route shadow catalog-reads", "  figmart route history", "(figmart route --help for all of them)" })
	static final class Route implements Callable<Integer> {

		@Parameters(arity = "0..*", paramLabel = "ARGS", description = "figmart-gateway's command and options.")
		List<String> args = new ArrayList<>();

		@Override
		public Integer call() {
			return new GatewayCli().execute(System.out, System.err, System.getenv(), this.args.toArray(String[]::new));
		}

	}

	@Command(name = "sync", description = { "The CDC bridge: every figmart-cdc command, e.g.", "  figmart sync status",
			"  figmart sync parity      (exit 8 when rows differ)", "  figmart sync direction",
			"(figmart sync --help for all of them)" })
	static final class Sync implements Callable<Integer> {

		@Parameters(arity = "0..*", paramLabel = "ARGS", description = "figmart-cdc's command and options.")
		List<String> args = new ArrayList<>();

		@Override
		public Integer call() {
			return CdcCli.execute(System.out, System.err, System.getenv(), this.args.toArray(String[]::new));
		}

	}

}
