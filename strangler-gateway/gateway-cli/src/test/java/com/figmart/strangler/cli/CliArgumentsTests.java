package com.figmart.strangler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import com.figmart.strangler.cli.CliRunner.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command line: values, help, and usage errors, which exit with 1 before anything is sent (the gateway here
 * is a closed port, so a request would exit with 6 instead).
 */
class CliArgumentsTests {

	CliRunner cli;

	@BeforeEach
	void pointAtAClosedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			this.cli = new CliRunner().env("FIGMART_GATEWAY_URL", "http://127.0.0.1:" + socket.getLocalPort())
				.env("FIGMART_GATEWAY_TOKEN", "not-used");
		}
	}

	@Test
	void modesAreSpelledAsTheApiSpellsThem() {
		assertThat(Values.mode("legacy", null)).isEqualTo("LEGACY");
		assertThat(Values.mode("Shadow", null)).isEqualTo("SHADOW");
		assertThat(Values.mode("NEW", null)).isEqualTo("NEW");
		assertThat(Values.mode("canary", 10)).isEqualTo("CANARY(10)");
		assertThat(Values.mode("CANARY(0)", null)).isEqualTo("CANARY(0)");
		assertThat(Values.mode("canary:100", 100)).isEqualTo("CANARY(100)");
	}

	@Test
	void refusesModesItCannotSend() {
		assertThatIllegalArgumentException().isThrownBy(() -> Values.mode("BLUE", null)).withMessageContaining("LEGACY, SHADOW");
		assertThatIllegalArgumentException().isThrownBy(() -> Values.mode("CANARY", null)).withMessageContaining("needs a percent");
		assertThatIllegalArgumentException().isThrownBy(() -> Values.mode("CANARY", 101)).withMessageContaining("between 0 and 100");
		assertThatIllegalArgumentException().isThrownBy(() -> Values.mode("NEW", 5)).withMessageContaining("only CANARY");
		assertThatIllegalArgumentException().isThrownBy(() -> Values.mode("CANARY(5)", 6)).withMessageContaining("two canary percents");
	}

	@Test
	void durationsInShortOrIsoForm() {
		assertThat(Values.duration("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(Values.duration("2s")).isEqualTo(Duration.ofSeconds(2));
		assertThat(Values.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
		assertThat(Values.duration("10m")).isEqualTo(Duration.ofMinutes(10));
		assertThat(Values.duration("1h")).isEqualTo(Duration.ofHours(1));
		assertThat(Values.duration("7d")).isEqualTo(Duration.ofDays(7));
		assertThat(Values.duration("PT0.5S")).isEqualTo(Duration.ofMillis(500));
		assertThat(Values.duration("pt2s").toString()).isEqualTo("PT2S");
		assertThatIllegalArgumentException().isThrownBy(() -> Values.duration("2 seconds"));
		assertThatIllegalArgumentException().isThrownBy(() -> Values.duration("0s")).withMessageContaining("positive");
		assertThatIllegalArgumentException().isThrownBy(() -> Values.duration("PT-1S"));
	}

	@Test
	void methodsAreUpperCaseAndAStarMeansAny() {
		assertThat(Values.methods(List.of("get", "HEAD", "get"))).containsExactly("GET", "HEAD");
		assertThat(Values.methods(List.of("*"))).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> Values.methods(List.of("GET /x")));
	}

	@Test
	void helpIsPrintedOnStandardOutputWithExitCodeZero() {
		for (String[] args : List.of(new String[] { "--help" }, new String[] { "rules", "--help" },
				new String[] { "rules", "set-mode", "--help" }, new String[] { "help", "rules" },
				new String[] { "token", "mint", "-h" })) {
			Result result = this.cli.run(args);
			assertThat(result.exitCode()).as(String.join(" ", args)).isZero();
			assertThat(result.out()).as(String.join(" ", args)).contains("Usage: figmart-gateway");
		}
		assertThat(this.cli.run("--help").out()).contains("Exit codes:", "FIGMART_GATEWAY_URL", "3  conflict (409)");
		assertThat(this.cli.run("rules", "set-mode", "--help").out()).contains("--version=<version>", "--percent");
	}

	@Test
	void generatesABashCompletionScript() {
		Result result = this.cli.run("generate-completion");

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("complete -F", "figmart-gateway", "set-mode");
	}

	@Test
	void printsItsVersion() {
		Result result = this.cli.run("--version");

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("figmart-gateway ");
	}

	@Test
	void unknownCommandsAndOptionsAreUsageErrorsWithSuggestions() {
		Result command = this.cli.run("rules", "lst");
		assertThat(command.exitCode()).isEqualTo(GatewayCli.USAGE);
		assertThat(command.err()).contains("'lst'", "rules list", "Try 'figmart-gateway rules --help'");

		Result option = this.cli.run("rules", "list", "--format", "json");
		assertThat(option.exitCode()).isEqualTo(GatewayCli.USAGE);
		assertThat(option.err()).contains("Unknown options: '--format'");

		assertThat(this.cli.run().exitCode()).isEqualTo(GatewayCli.USAGE);
		assertThat(this.cli.run("rules").err()).contains("Missing command");
	}

	@Test
	void malformedValuesAreUsageErrorsNamingTheOption() {
		Result mode = this.cli.run("rules", "set-mode", "catalog-read", "CANARY", "--reason", "r");
		assertThat(mode.exitCode()).isEqualTo(GatewayCli.USAGE);
		assertThat(mode.err()).contains("CANARY needs a percent", "Try 'figmart-gateway rules set-mode --help'");

		Result timeout = this.cli.run("rules", "create", "--id", "a", "--pattern", "/a", "--target", "t", "--timeout", "fast");
		assertThat(timeout.exitCode()).isEqualTo(GatewayCli.USAGE);
		assertThat(timeout.err()).contains("--timeout", "'fast' is not a duration");

		Result policy = this.cli.run("rules", "create", "--id", "a", "--pattern", "/a", "--target", "t", "--policy", "{nope");
		assertThat(policy.exitCode()).isEqualTo(GatewayCli.USAGE);
		assertThat(policy.err()).contains("--policy is not JSON");

		Result version = this.cli.run("rules", "delete", "a", "--reason", "r", "--version", "latest");
		assertThat(version.exitCode()).isEqualTo(GatewayCli.USAGE);
		assertThat(version.err()).contains("--version", "latest");

		Result output = this.cli.run("rules", "list", "-o", "yaml");
		assertThat(output.exitCode()).isEqualTo(GatewayCli.USAGE);
		assertThat(output.err()).contains("TABLE", "JSON");

		Result limit = this.cli.run("history", "--limit", "0");
		assertThat(limit.exitCode()).isEqualTo(GatewayCli.USAGE);
	}

	@Test
	void aGatewayThatIsNotAnHttpUrlIsAUsageError() {
		Result result = this.cli.run("--gateway", "127.0.0.1:8080", "rules", "list");

		assertThat(result.exitCode()).isEqualTo(GatewayCli.USAGE);
		assertThat(result.err()).contains("--gateway must be an http or https URL");
	}

	@Test
	void reachesTheGatewayOnlyOnceTheCommandLineIsValid() {
		assertThat(this.cli.run("rules", "list").exitCode()).isEqualTo(GatewayCli.UNREACHABLE);
	}

}
