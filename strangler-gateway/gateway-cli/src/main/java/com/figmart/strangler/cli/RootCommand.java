package com.figmart.strangler.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top of the command tree: the options every command shares (where the gateway is, how to authenticate)
 * and what they resolve to.
 */
@Command(name = "figmart-gateway", mixinStandardHelpOptions = true, version = "figmart-gateway 0.1.0",
		description = "Reads and changes the strangler gateway's routing rules through its admin API.",
		subcommands = { RulesCommand.class, HistoryCommand.class, ShadowCommand.class, TokenCommand.class,
				CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class },
		footerHeading = "%nEnvironment:%n",
		footer = { "  FIGMART_GATEWAY_URL       the gateway (default " + RootCommand.DEFAULT_GATEWAY + ")",
				"  FIGMART_GATEWAY_TOKEN     a bearer token with the admin role",
				"  FIGMART_GATEWAY_KEY_FILE  the gateway's local key, to mint a token per command",
				"  FIGMART_GATEWAY_SUBJECT   who such tokens name (default: $USER)",
				"",
				"Exit codes:",
				"  0  done                  4  not authenticated (401) or not an admin (403)",
				"  1  usage error           5  invalid request (400): the fields are printed",
				"  2  not found (404)       6  gateway unreachable",
				"  3  conflict (409)        7  any other error answer (5xx, 429, ...)" })
final class RootCommand implements Runnable {

	static final String DEFAULT_GATEWAY = "http://127.0.0.1:8080";

	/** Where the gateway creates its key unless configured otherwise, relative to its working directory. */
	static final Path DEFAULT_KEY_FILE = Path.of("data", "strangler-gateway", "jwt-hs256.key");

	/** How long a token minted on the fly for one command is valid. */
	private static final Duration ON_THE_FLY_TOKEN_TTL = Duration.ofMinutes(5);

	private final Map<String, String> env;

	@Spec
	CommandSpec spec;

	@Option(names = "--gateway", paramLabel = "URL", scope = ScopeType.INHERIT,
			description = "The gateway's base URL (env FIGMART_GATEWAY_URL; default " + DEFAULT_GATEWAY + ").")
	String gateway;

	@Option(names = "--token", paramLabel = "JWT", scope = ScopeType.INHERIT,
			description = "A bearer token with the admin role (env FIGMART_GATEWAY_TOKEN).")
	String token;

	@Option(names = "--key-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
			description = "The gateway's local HS256 key file, to mint an admin token on the fly "
					+ "(env FIGMART_GATEWAY_KEY_FILE; default data/strangler-gateway/jwt-hs256.key when it exists).")
	Path keyFile;

	private RootCommand(Map<String, String> env) {
		this.env = Map.copyOf(env);
	}

	static CommandLine commandLine(Map<String, String> env) {
		CommandLine commandLine = new CommandLine(new RootCommand(env));
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		// "@file" is ours (--policy @policy.json), not picocli's argument files.
		commandLine.setExpandAtFiles(false);
		commandLine.setParameterExceptionHandler(Failures::usageError);
		commandLine.setExecutionExceptionHandler(Failures::executionError);
		return commandLine;
	}

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "Missing command");
	}

	Map<String, String> env() {
		return this.env;
	}

	PrintWriter out() {
		return this.spec.commandLine().getOut();
	}

	/** A client of the admin API, authenticated as the options and the environment say. */
	AdminClient client() {
		return new AdminClient(gatewayUri(), bearerToken());
	}

	URI gatewayUri() {
		String value = firstOf(this.gateway, this.env.get("FIGMART_GATEWAY_URL"), DEFAULT_GATEWAY);
		try {
			URI uri = new URI(value.strip());
			if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					|| uri.getHost() == null) {
				throw usage("--gateway must be an http or https URL such as " + DEFAULT_GATEWAY + ", was '" + value + "'");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw usage("--gateway must be an http or https URL such as " + DEFAULT_GATEWAY + ", was '" + value + "'");
		}
	}

	/**
	 * The token to send: {@code --token}, {@code FIGMART_GATEWAY_TOKEN}, or one minted from {@code --key-file},
	 * {@code FIGMART_GATEWAY_KEY_FILE} or the gateway's default key file if it exists here; {@code null} if none
	 * of these is there, and the gateway answers 401.
	 */
	String bearerToken() {
		String given = firstOf(this.token, this.env.get("FIGMART_GATEWAY_TOKEN"), null);
		if (given != null && !given.isBlank()) {
			return given.strip();
		}
		Path key = keyFile();
		if (key == null) {
			return null;
		}
		String subject = firstOf(this.env.get("FIGMART_GATEWAY_SUBJECT"), this.env.get("USER"), "figmart-gateway");
		return LocalToken.mint(LocalToken.readKey(key), subject, List.of("admin"), ON_THE_FLY_TOKEN_TTL, Instant.now());
	}

	/** The key file named by the option or the environment, else the default one if it exists, else null. */
	Path keyFile() {
		if (this.keyFile != null) {
			return this.keyFile;
		}
		String fromEnv = this.env.get("FIGMART_GATEWAY_KEY_FILE");
		if (fromEnv != null && !fromEnv.isBlank()) {
			return Path.of(fromEnv.strip());
		}
		return Files.isReadable(DEFAULT_KEY_FILE) ? DEFAULT_KEY_FILE : null;
	}

	/** A usage error of the command being run (so its help is the one suggested). */
	ParameterException usage(String message) {
		CommandLine command = this.spec.commandLine();
		CommandLine.ParseResult parsed = command.getParseResult();
		while (parsed != null && parsed.subcommand() != null) {
			parsed = parsed.subcommand();
			command = parsed.commandSpec().commandLine();
		}
		return new ParameterException(command, message);
	}

	private static String firstOf(String first, String second, String fallback) {
		if (first != null && !first.isBlank()) {
			return first;
		}
		if (second != null && !second.isBlank()) {
			return second;
		}
		return fallback;
	}

}
