package com.figmart.strangler.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h}/{@code --help} for the subcommands. Not picocli's standard help mixin: its {@code --version} would
 * clash with the rule version option of the commands that change rules, and only the top command has a version.
 */
final class HelpOption {

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help message and exit.")
	boolean help;

}
