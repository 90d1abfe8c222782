package com.figmart.strangler.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs {@link GatewayCli#execute} in this JVM with a given environment and captures what it prints. */
final class CliRunner {

	private final Map<String, String> env = new HashMap<>();

	/** What a run printed and returned. */
	record Result(int exitCode, String out, String err) {
	}

	CliRunner env(String name, String value) {
		this.env.put(name, value);
		return this;
	}

	CliRunner withoutEnv(String name) {
		this.env.remove(name);
		return this;
	}

	Result run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exitCode = new GatewayCli().execute(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), this.env, args);
		return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

}
