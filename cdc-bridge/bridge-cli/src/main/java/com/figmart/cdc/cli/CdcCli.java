package com.figmart.cdc.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code figmart-cdc} command: reads the CDC bridge's status and parity, runs a barrier and switches the
 * sync direction, through the bridge's HTTP API. Exit codes follow {@code figmart-gateway}'s, plus
 * {@value #PARITY_DIFFERS}:
 * <table>
 * <caption>Exit codes</caption>
 * <tr><td>{@value #OK}</td><td>done (for {@code parity}: both sides agree)</td></tr>
 * <tr><td>{@value #USAGE}</td><td>usage error</td></tr>
 * <tr><td>{@value #CONFLICT}</td><td>conflict (409): the lag did not reach zero, the direction did not change</td></tr>
 * <tr><td>{@value #INVALID}</td><td>the bridge refused the request as invalid (400)</td></tr>
 * <tr><td>{@value #UNREACHABLE}</td><td>the bridge could not be reached</td></tr>
 * <tr><td>{@value #BRIDGE_ERROR}</td><td>any other answer (5xx, 503 barrier timeout, ...)</td></tr>
 * <tr><td>{@value #PARITY_DIFFERS}</td><td>{@code parity}: rows differ; they are listed</td></tr>
 * </table>
 */
@Command(name = "figmart-cdc", mixinStandardHelpOptions = true, subcommands = { CdcCli.Status.class,
		CdcCli.Parity.class, CdcCli.Barrier.class, CdcCli.DirectionCommand.class },
		description = "Client of the Figmart CDC bridge's API.")
public final class CdcCli implements Callable<Integer> {

	public static final int OK = 0;

	public static final int USAGE = 1;

	public static final int CONFLICT = 3;

	public static final int INVALID = 5;

	public static final int UNREACHABLE = 6;

	public static final int BRIDGE_ERROR = 7;

	public static final int PARITY_DIFFERS = 8;

	static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Map<String, String> env;

	@Option(names = "--url", scope = CommandLine.ScopeType.INHERIT,
			description = "The bridge's base URL (env FIGMART_CDC_URL; default http://127.0.0.1:8083).")
	String url;

	@Option(names = { "-o", "--output" }, scope = CommandLine.ScopeType.INHERIT,
			description = "text (default) or json: the API's JSON as it came.")
	String output = "text";

	PrintWriter out;

	PrintWriter err;

	CdcCli(Map<String, String> env) {
		this.env = env;
	}

	public static void main(String... args) {
		System.exit(execute(System.out, System.err, System.getenv(), args));
	}

	/** Runs one command and returns its exit code. */
	public static int execute(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
		var cli = new CdcCli(env);
		cli.out = new PrintWriter(out, true, StandardCharsets.UTF_8);
		cli.err = new PrintWriter(err, true, StandardCharsets.UTF_8);
		var commandLine = new CommandLine(cli);
		commandLine.setOut(cli.out);
		commandLine.setErr(cli.err);
		commandLine.setExitCodeExceptionMapper(ex -> BRIDGE_ERROR);
		commandLine.setParameterExceptionHandler((ex, ignored) -> {
			cli.err.println(ex.getMessage());
			ex.getCommandLine().usage(cli.err);
			return USAGE;
		});
		try {
			return commandLine.execute(args);
		}
		finally {
			cli.out.flush();
			cli.err.flush();
		}
	}

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public Integer call() {
		this.spec.commandLine().usage(this.out);
		return USAGE;
	}

	String baseUrl() {
		var base = (this.url != null) ? this.url : this.env.getOrDefault("FIGMART_CDC_URL", "http://127.0.0.1:8083");
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	boolean json() {
		return "json".equalsIgnoreCase(this.output);
	}

	/** A request and its answer, or the exit code of why there is none. */
	record Answer(int status, JsonNode body, Integer failure) {
	}

	Answer send(String method, String path, String body) {
		var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		var request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
			.header("Accept", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		HttpResponse<String> response;
		try {
			response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException | IllegalArgumentException ex) {
			this.err.println("figmart-cdc: cannot reach the bridge at " + baseUrl() + ": " + ex);
			return new Answer(0, null, UNREACHABLE);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(0, null, UNREACHABLE);
		}
		JsonNode parsed;
		try {
			parsed = response.body().isEmpty() ? null : JSON.readTree(response.body());
		}
		catch (RuntimeException ex) {
			this.err.println("figmart-cdc: " + response.statusCode() + ", not JSON: " + response.body());
			return new Answer(response.statusCode(), null, BRIDGE_ERROR);
		}
		if (response.statusCode() / 100 == 2) {
			return new Answer(response.statusCode(), parsed, null);
		}
		this.err.println(response.statusCode() + " " + text(parsed, "title") + ": " + text(parsed, "detail"));
		int code = switch (response.statusCode()) {
			case 400 -> INVALID;
			case 409 -> CONFLICT;
			default -> BRIDGE_ERROR;
		};
		return new Answer(response.statusCode(), parsed, code);
	}

	static String text(JsonNode node, String field) {
		return (node != null && node.has(field)) ? node.get(field).asString() : "";
	}

	int print(JsonNode body) {
		this.out.println(JSON.writeValueAsString(body));
		return OK;
	}

	@Command(name = "status", mixinStandardHelpOptions = true, description = "Direction, captures, lag, counts, slots.")
	static final class Status implements Callable<Integer> {

		@CommandLine.ParentCommand
		CdcCli cli;

		@Override
		public Integer call() {
			var answer = this.cli.send("GET", "/api/sync", null);
			if (answer.failure() != null) {
				return answer.failure();
			}
			if (this.cli.json()) {
				return this.cli.print(answer.body());
			}
			var body = answer.body();
			this.cli.out.println("bridge " + text(body, "bridge") + "  direction " + text(body, "direction"));
			for (var capture : body.get("captures")) {
				var status = capture.get("status");
				this.cli.out.printf("%-8s %-9s %-10s lag %d ms, %d WAL bytes; received %d, applied %d, skipped %d, "
						+ "dead letters %d, echoes dropped %d, errors %d; slot %s%n", text(capture, "side"),
						capture.get("applying").asBoolean() ? "applying" : "watching", text(status, "state"),
						status.get("lagMillis").asLong(), capture.get("lagWalBytes").asLong(),
						status.get("received").asLong(), status.get("applied").asLong(), status.get("skipped").asLong(),
						status.get("deadLettered").asLong(), status.get("echoesDropped").asLong(),
						status.get("errors").asLong(), capture.at("/slot/active").asBoolean() ? "active" : "inactive");
			}
			return OK;
		}
	}

	@Command(name = "parity", mixinStandardHelpOptions = true,
			description = "Row counts and checksums on both sides; names the rows that differ. Exit 8 when they differ.")
	static final class Parity implements Callable<Integer> {

		@CommandLine.ParentCommand
		CdcCli cli;

		@Override
		public Integer call() {
			var answer = this.cli.send("GET", "/api/parity", null);
			if (answer.failure() != null) {
				return answer.failure();
			}
			var body = answer.body();
			boolean clean = body.get("clean").asBoolean();
			if (this.cli.json()) {
				this.cli.print(body);
				return clean ? OK : PARITY_DIFFERS;
			}
			for (var report : body.get("mappings")) {
				this.cli.out.printf("%s: source %d rows (checksum %s), target %d rows (checksum %s): %s%n",
						text(report, "mapping"), report.get("sourceRows").asLong(), text(report, "sourceChecksum"),
						report.get("targetRows").asLong(), text(report, "targetChecksum"),
						(report.get("differingRows").asLong() == 0
								&& report.get("sourceRows").asLong() == report.get("targetRows").asLong()) ? "clean"
										: report.get("differingRows").asLong() + " rows differ");
				for (var list : new String[] { "missingOnTarget", "extraOnTarget", "different", "deadLettered" }) {
					if (report.get(list).size() > 0) {
						var keys = new StringBuilder();
						report.get(list).forEach(key -> keys.append(keys.length() > 0 ? ", " : "").append(key.asString()));
						this.cli.out.println("  " + list + ": " + keys);
					}
				}
			}
			return clean ? OK : PARITY_DIFFERS;
		}
	}

	@Command(name = "barrier", mixinStandardHelpOptions = true,
			description = "Waits until everything committed on the system of record is applied (exit 7 on timeout).")
	static final class Barrier implements Callable<Integer> {

		@CommandLine.ParentCommand
		CdcCli cli;

		@Override
		public Integer call() {
			var answer = this.cli.send("POST", "/api/sync/barrier", null);
			if (answer.failure() != null) {
				return answer.failure();
			}
			if (this.cli.json()) {
				return this.cli.print(answer.body());
			}
			this.cli.out.println("caught up in " + answer.body().get("barrierMillis").asLong() + " ms");
			return OK;
		}
	}

	@Command(name = "direction", mixinStandardHelpOptions = true,
			description = "Shows the direction, or switches it after a barrier (exit 3 when the lag did not reach zero).")
	static final class DirectionCommand implements Callable<Integer> {

		@CommandLine.ParentCommand
		CdcCli cli;

		@Parameters(arity = "0..1", paramLabel = "FORWARD|REVERSE", description = "The new direction.")
		String direction;

		@Override
		public Integer call() {
			var answer = (this.direction == null) ? this.cli.send("GET", "/api/sync/direction", null)
					: this.cli.send("PUT", "/api/sync/direction",
							"{\"direction\":\"" + this.direction.toUpperCase().replace("\"", "") + "\"}");
			if (answer.failure() != null) {
				return answer.failure();
			}
			if (this.cli.json()) {
				return this.cli.print(answer.body());
			}
			var body = answer.body();
			this.cli.out.println(text(body, "direction") + ((body.has("barrierMillis") && !body.get("barrierMillis").isNull())
					? "  (barrier " + body.get("barrierMillis").asLong() + " ms)" : ""));
			return OK;
		}
	}
}
