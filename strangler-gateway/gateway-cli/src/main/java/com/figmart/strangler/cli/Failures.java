package com.figmart.strangler.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.figmart.strangler.cli.AdminClient.GatewayProblem;
import com.figmart.strangler.cli.AdminClient.GatewayUnreachable;
import com.figmart.strangler.cli.LocalToken.UnusableKeyFile;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import tools.jackson.databind.JsonNode;

/**
 * What went wrong, said on standard error, and the exit code that says it to scripts.
 */
final class Failures {

	static final String PROGRAM = "figmart-gateway";

	/** Members of a problem body that {@link #describe} shows in its own way. */
	private static final Set<String> SHOWN = Set.of("type", "title", "status", "detail", "instance", "field",
			"errors", "currentVersion", "version", "rule", "ruleId");

	private static final String NOTHING_CHANGED = "nothing was changed";

	private Failures() {
	}

	/** A command line that does not parse, or a value a command refuses before asking the gateway. */
	static int usageError(ParameterException ex, String[] args) {
		CommandLine commandLine = ex.getCommandLine();
		PrintWriter err = commandLine.getErr();
		err.println(PROGRAM + ": " + ex.getMessage());
		UnmatchedArgumentException.printSuggestions(ex, err);
		err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
		err.flush();
		return GatewayCli.USAGE;
	}

	static int executionError(Exception ex, CommandLine commandLine, ParseResult parseResult) {
		PrintWriter err = commandLine.getErr();
		int exitCode;
		if (ex instanceof GatewayProblem) {
			GatewayProblem problem = (GatewayProblem) ex;
			describe(problem).forEach(err::println);
			exitCode = exitCode(problem.status());
		}
		else if (ex instanceof GatewayUnreachable) {
			err.println(PROGRAM + ": " + ex.getMessage());
			err.println("  is it running? pass --gateway URL or set FIGMART_GATEWAY_URL to another address");
			exitCode = GatewayCli.UNREACHABLE;
		}
		else if (ex instanceof UnusableKeyFile) {
			err.println(PROGRAM + ": " + ex.getMessage());
			exitCode = GatewayCli.USAGE;
		}
		else {
			err.println(PROGRAM + ": unexpected error: " + ex);
			ex.printStackTrace(err);
			exitCode = GatewayCli.GATEWAY_ERROR;
		}
		err.flush();
		return exitCode;
	}

	static int exitCode(int status) {
		switch (status) {
			case 400:
			case 422:
				return GatewayCli.INVALID;
			case 401:
			case 403:
				return GatewayCli.UNAUTHORIZED;
			case 404:
				return GatewayCli.NOT_FOUND;
			case 409:
				return GatewayCli.CONFLICT;
			default:
				return GatewayCli.GATEWAY_ERROR;
		}
	}

	/** A problem answer as lines for a person: status and title, detail, what is at fault, what to do. */
	static List<String> describe(GatewayProblem problem) {
		List<String> lines = new ArrayList<>();
		JsonNode body = problem.body();
		String title = Json.text(body, "title");
		lines.add(PROGRAM + ": " + problem.status() + " " + ((title != null) ? title : reasonPhrase(problem.status())));
		String detail = Json.text(body, "detail");
		List<String> fields = faultyFields(body);
		// A gateway that words its detail as the first error ("target: unknown target ...") says it once.
		if (detail != null && !fields.contains("field: " + detail)) {
			lines.add("  " + detail);
		}
		if (body == null) {
			String raw = problem.rawBody().strip();
			if (!raw.isEmpty()) {
				lines.add("  " + (raw.length() > 500 ? raw.substring(0, 500) + "..." : raw));
			}
		}
		fields.forEach((line) -> lines.add("  " + line));
		String currentVersion = Json.text(body, "currentVersion");
		String sentVersion = Json.text(body, "version");
		if (currentVersion != null) {
			lines.add("  current version: " + currentVersion
					+ ((sentVersion != null) ? " (the change was based on version " + sentVersion + ")" : ""));
		}
		if (body != null && body.path("rule").isObject()) {
			lines.add("  stored rule: " + Rules.summary(body.get("rule")));
		}
		if (body != null) {
			for (Map.Entry<String, JsonNode> member : body.properties()) {
				if (!SHOWN.contains(member.getKey())) {
					lines.add("  " + member.getKey() + ": " + Json.display(member.getValue()));
				}
			}
		}
		hint(problem.status(), currentVersion, "id".equals(Json.text(body, "field")),
				String.valueOf(Json.text(body, "type")).endsWith("/write-hold-not-active"))
			.map((hint) -> (detail != null && detail.contains(NOTHING_CHANGED)) ? hint.replace(NOTHING_CHANGED + ": ", "") : hint)
			.filter((hint) -> !hint.isBlank() && !(detail != null && detail.contains(NOTHING_CHANGED) && hint.strip().equals(NOTHING_CHANGED)))
			.ifPresent(lines::add);
		String type = Json.text(body, "type");
		if (type != null && !"about:blank".equals(type)) {
			lines.add("  type: " + type);
		}
		return lines;
	}

	/**
	 * The fields a problem names: each of {@code errors[]} (all of them, with their messages) or, without such a
	 * list, its {@code field} member.
	 */
	static List<String> faultyFields(JsonNode body) {
		List<String> lines = new ArrayList<>();
		if (body == null) {
			return lines;
		}
		JsonNode field = body.path("field");
		// errors[] names every offending field, "field" only the first of them
		boolean listed = body.path("errors").isArray() && !body.path("errors").isEmpty();
		if (!listed && field.isArray()) {
			field.forEach((name) -> lines.add("field: " + Json.display(name)));
		}
		else if (!listed && !field.isMissingNode() && !field.isNull()) {
			lines.add("field: " + Json.display(field));
		}
		for (JsonNode error : body.path("errors")) {
			if (error.isObject()) {
				String name = firstText(error, "field", "name", "pointer", "parameter");
				String message = firstText(error, "detail", "message", "reason", "defaultMessage");
				lines.add("field: " + ((name != null) ? name : "?") + ((message != null) ? ": " + message : ""));
			}
			else {
				lines.add("error: " + Json.display(error));
			}
		}
		return lines;
	}

	private static String firstText(JsonNode node, String... names) {
		for (String name : names) {
			String value = Json.text(node, name);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static Optional<String> hint(int status, String currentVersion, boolean idTaken, boolean notHeld) {
		switch (status) {
			case 401:
				return Optional.of("  pass --token or set FIGMART_GATEWAY_TOKEN, or let the command mint one "
						+ "with --key-file or FIGMART_GATEWAY_KEY_FILE");
			case 403:
				return Optional.of("  the token lacks the admin role");
			case 409:
				if (notHeld) {
					return Optional.of("  " + NOTHING_CHANGED + ": the rule's writes are not held (a hold ends by "
							+ "itself); hold them again with 'rules hold' before switching");
				}
				if (idTaken) {
					return Optional.of("  " + NOTHING_CHANGED + ": the id is taken; change that rule with "
							+ "'rules update' or 'rules set-mode', or choose another id");
				}
				return Optional.of((currentVersion != null)
						? "  " + NOTHING_CHANGED + ": check the stored rule, then retry with --version " + currentVersion
								+ " (or without --version to base the change on the latest)"
						: "  " + NOTHING_CHANGED);
			default:
				return Optional.empty();
		}
	}

	private static String reasonPhrase(int status) {
		switch (status) {
			case 400:
				return "Bad Request";
			case 401:
				return "Unauthorized";
			case 403:
				return "Forbidden";
			case 404:
				return "Not Found";
			case 409:
				return "Conflict";
			case 429:
				return "Too Many Requests";
			case 500:
				return "Internal Server Error";
			case 502:
				return "Bad Gateway";
			case 503:
				return "Service Unavailable";
			default:
				return "Error";
		}
	}

}
