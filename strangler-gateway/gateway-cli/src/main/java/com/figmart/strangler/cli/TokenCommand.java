package com.figmart.strangler.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code token mint} (or just {@code token}): prints a token signed with the gateway's local HS256 key, for
 * {@code --token}, {@code FIGMART_GATEWAY_TOKEN} or {@code curl -H "Authorization: Bearer ..."}.
 */
@Command(name = "token",
		description = { "Mints a token signed with the gateway's local key (HS256) and prints it.",
				"'token' alone does the same as 'token mint'." },
		subcommands = TokenCommand.Mint.class)
final class TokenCommand implements Callable<Integer> {

	@ParentCommand
	RootCommand root;

	@Mixin
	HelpOption help;

	@Mixin
	Claims claims = new Claims();

	@Override
	public Integer call() {
		return mint(this.root, this.claims);
	}

	@Command(name = "mint",
			description = "Mints a token signed with the gateway's local key (HS256) and prints it.")
	static final class Mint implements Callable<Integer> {

		@ParentCommand
		TokenCommand token;

		@Mixin
		HelpOption help;

		@Mixin
		Claims claims = new Claims();

		@Override
		public Integer call() {
			return mint(this.token.root, this.claims);
		}

	}

	/** What the token says: who, which roles, for how long. */
	static final class Claims {

		@Option(names = { "--sub", "--subject" }, paramLabel = "NAME",
				description = "Who the token names (default: $FIGMART_GATEWAY_SUBJECT, else $USER).")
		String subject;

		@Option(names = { "--roles", "--role" }, split = ",", paramLabel = "ROLE",
				description = "admin and/or customer, comma-separated (default: admin).")
		List<String> roles = new ArrayList<>();

		@Option(names = "--ttl", defaultValue = "1h", converter = DurationConverter.class,
				description = "How long it is valid, e.g. 15m, 1h, 7d (default ${DEFAULT-VALUE}).")
		Duration ttl;

	}

	static int mint(RootCommand root, Claims claims) {
		String subject = (claims.subject != null) ? claims.subject
				: root.env().getOrDefault("FIGMART_GATEWAY_SUBJECT", root.env().get("USER"));
		if (subject == null || subject.isBlank()) {
			throw root.usage("--sub is missing: who the token names");
		}
		List<String> roles = new ArrayList<>();
		for (String role : claims.roles) {
			String name = role.strip().toLowerCase(Locale.ROOT);
			if (!LocalToken.ROLES.contains(name)) {
				throw root.usage("--roles: '" + role + "' is not a role; the roles are " + String.join(", ", LocalToken.ROLES));
			}
			if (!roles.contains(name)) {
				roles.add(name);
			}
		}
		if (roles.isEmpty()) {
			roles.add("admin");
		}
		Path keyFile = root.keyFile();
		if (keyFile == null) {
			throw root.usage("no key file: pass --key-file or set FIGMART_GATEWAY_KEY_FILE (the gateway writes its key to "
					+ RootCommand.DEFAULT_KEY_FILE + " under its working directory on its first start)");
		}
		String token = LocalToken.mint(LocalToken.readKey(keyFile), subject.strip(), roles, claims.ttl, Instant.now());
		PrintWriter out = root.out();
		out.println(token);
		out.flush();
		return GatewayCli.OK;
	}

}
