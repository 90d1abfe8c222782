package com.figmart.strangler.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import picocli.CommandLine;

/**
 * The {@code figmart-gateway} command: reads and changes the gateway's routing rules through its admin API and
 * mints local admin tokens.
 *
 * <p>Exit codes are part of the interface that scripts rely on and do not change:
 * <table>
 * <caption>Exit codes</caption>
 * <tr><td>{@value #OK}</td><td>done</td></tr>
 * <tr><td>{@value #USAGE}</td><td>usage error: unknown command or option, missing or malformed value, unreadable
 * key file</td></tr>
 * <tr><td>{@value #NOT_FOUND}</td><td>no such rule (404)</td></tr>
 * <tr><td>{@value #CONFLICT}</td><td>conflict (409): the rule exists already, or it changed since the version the
 * change was based on</td></tr>
 * <tr><td>{@value #UNAUTHORIZED}</td><td>no valid token (401) or not an admin (403)</td></tr>
 * <tr><td>{@value #INVALID}</td><td>the gateway refused the change as invalid (400)</td></tr>
 * <tr><td>{@value #UNREACHABLE}</td><td>the gateway could not be reached</td></tr>
 * <tr><td>{@value #GATEWAY_ERROR}</td><td>any other answer the command did not expect (5xx, 429, ...)</td></tr>
 * </table>
 */
public final class GatewayCli {

	/** Done. */
	public static final int OK = 0;

	/** Usage error: unknown command or option, missing or malformed value, unreadable key file. */
	public static final int USAGE = 1;

	/** No such rule (404). */
	public static final int NOT_FOUND = 2;

	/** Conflict (409): the rule exists already, or it changed since the version a change was based on. */
	public static final int CONFLICT = 3;

	/** No valid token (401) or not an admin (403). */
	public static final int UNAUTHORIZED = 4;

	/** The gateway refused the request as invalid (400). */
	public static final int INVALID = 5;

	/** The gateway could not be reached (connection refused, unknown host, timeout). */
	public static final int UNREACHABLE = 6;

	/** Any other answer: a 5xx, a 429, or a body that is not what the contract promises. */
	public static final int GATEWAY_ERROR = 7;

	public static void main(String... args) {
		int exitCode = new GatewayCli().execute(System.out, System.err, System.getenv(), args);
		System.exit(exitCode);
	}

	/**
	 * Runs one command.
	 *
	 * @param out where results go (tables, JSON, tokens)
	 * @param err where errors and problem bodies go
	 * @param env the environment ({@code FIGMART_GATEWAY_URL}, {@code FIGMART_GATEWAY_TOKEN},
	 *     {@code FIGMART_GATEWAY_KEY_FILE}, ...)
	 * @param args the command line, without the program name
	 * @return the exit code
	 */
	public int execute(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
		Objects.requireNonNull(env, "env");
		PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
		PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
		CommandLine commandLine = RootCommand.commandLine(env);
		commandLine.setOut(outWriter);
		commandLine.setErr(errWriter);
		try {
			return commandLine.execute(args);
		}
		finally {
			outWriter.flush();
			errWriter.flush();
		}
	}

}
