package com.figmart.migration.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import picocli.CommandLine.Option;

import com.figmart.strangler.cli.LocalToken;

/** How the plan authenticates to the gateway's admin API: a token, or one minted from the gateway's local key. */
final class GatewayAccess {

	static final Path DEFAULT_KEY_FILE = Path.of("data", "strangler-gateway", "jwt-hs256.key");

	@Option(names = "--token", paramLabel = "JWT", description = "A bearer token with the admin role (env FIGMART_GATEWAY_TOKEN).")
	String token;

	@Option(names = "--key-file", paramLabel = "FILE",
			description = "The gateway's local HS256 key, to mint an admin token (default: data/strangler-gateway/jwt-hs256.key).")
	Path keyFile;

	String bearerToken() {
		String given = (this.token != null) ? this.token : System.getenv("FIGMART_GATEWAY_TOKEN");
		if (given != null && !given.isBlank()) {
			return given.strip();
		}
		Path key = (this.keyFile != null) ? this.keyFile : DEFAULT_KEY_FILE;
		if (this.keyFile == null && !Files.exists(key)) {
			return null;
		}
		String subject = System.getenv().getOrDefault("USER", "figmart-plan");
		return LocalToken.mint(LocalToken.readKey(key), subject, List.of("admin"), Duration.ofMinutes(5), Instant.now());
	}

}
