package com.figmart.strangler.cli;

import picocli.CommandLine.Option;

/** The {@code --output} option of the commands that print what the gateway answered. */
final class Output {

	enum Format {

		/** For people: aligned columns. */
		TABLE,

		/** For scripts: the API's JSON, pretty-printed. */
		JSON

	}

	@Option(names = { "-o", "--output" }, paramLabel = "FORMAT", defaultValue = "TABLE",
			description = "table (the default) or json (the API's JSON, for scripts).")
	Format format = Format.TABLE;

	boolean json() {
		return this.format == Format.JSON;
	}

}
