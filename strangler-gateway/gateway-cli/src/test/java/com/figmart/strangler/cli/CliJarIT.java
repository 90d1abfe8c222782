package com.figmart.strangler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.figmart.platform.process.JavaProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged client as users run it: {@code java -jar target/figmart-gateway.jar} and the
 * {@code bin/figmart-gateway} script, in processes of their own, against {@link FakeGatewayAdminApi}.
 */
class CliJarIT {

	static final Path JAR = Path.of(System.getProperty("figmart.cli.jar", "target/figmart-gateway.jar"));

	static final Path SCRIPT = Path.of(System.getProperty("figmart.cli.script", "bin/figmart-gateway"));

	@TempDir
	Path directory;

	FakeGatewayAdminApi gateway;

	@BeforeEach
	void startGateway() {
		this.gateway = new FakeGatewayAdminApi();
		this.gateway.seed("catalog-read", "CANARY(10)", "catalog-service", "alice");
	}

	@AfterEach
	void stopGateway() {
		this.gateway.close();
	}

	@Test
	void theJarPrintsItsHelp() throws Exception {
		Run run = run(JavaProcess.jar(JAR).args("--help").command(), Map.of());

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).contains("Usage: figmart-gateway", "rules", "token", "Exit codes:");
	}

	@Test
	void theJarListsRules() throws Exception {
		Run run = run(JavaProcess.jar(JAR)
			.args("--gateway", this.gateway.uri().toString(), "--token", this.gateway.adminToken("alice"), "rules", "list")
			.command(), Map.of());

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).containsPattern("catalog-read\\s+GET\\s+/api/catalog-read/\\*\\*\\s+CANARY\\(10\\)\\s+catalog-service");
	}

	@Test
	void theScriptRunsTheJarWithTheEnvironmentAndPassesExitCodesOn() throws Exception {
		Path keyFile = Files.writeString(this.directory.resolve("jwt-hs256.key"), this.gateway.keyFileContent());
		Map<String, String> env = Map.of("FIGMART_GATEWAY_URL", this.gateway.uri().toString(), "FIGMART_GATEWAY_KEY_FILE",
				keyFile.toString(), "FIGMART_GATEWAY_JAR", JAR.toAbsolutePath().toString());

		Run list = run(List.of("sh", SCRIPT.toString(), "rules", "list", "--output", "json"), env);
		assertThat(list.exitCode()).as(list.err()).isZero();
		assertThat(JsonMapper.shared().readTree(list.out()).path("rules").get(0).path("id").asString())
			.isEqualTo("catalog-read");

		Run missing = run(List.of("sh", SCRIPT.toString(), "rules", "get", "nope"), env);
		assertThat(missing.exitCode()).isEqualTo(GatewayCli.NOT_FOUND);
		assertThat(missing.err()).contains("404");

		Run change = run(List.of("sh", SCRIPT.toString(), "rules", "set-mode", "catalog-read", "NEW", "--reason", "all in"), env);
		assertThat(change.exitCode()).as(change.err()).isZero();
		assertThat(this.gateway.rule("catalog-read").path("mode").asString()).isEqualTo("NEW");
	}

	@Test
	void theGatewaysDefaultKeyFileUnderTheWorkingDirectoryIsUsedWhenNoTokenIsNamed() throws Exception {
		Path workingDirectory = Files.createDirectories(this.directory.resolve("gateway-home"));
		Path keyFile = Files.createDirectories(workingDirectory.resolve("data/strangler-gateway")).resolve("jwt-hs256.key");
		Files.writeString(keyFile, this.gateway.keyFileContent());

		Run run = run(JavaProcess.jar(JAR.toAbsolutePath()).args("--gateway", this.gateway.uri().toString(), "rules", "list").command(),
				Map.of("USER", "operator"), workingDirectory);

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(TestTokens.verify(this.gateway.key(), this.gateway.lastRequest().authorization())).isEqualTo("operator");
	}

	record Run(int exitCode, String out, String err) {
	}

	private Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
		return run(command, env, null);
	}

	private Run run(List<String> command, Map<String, String> env, Path workingDirectory)
			throws IOException, InterruptedException {
		Path out = Files.createTempFile(this.directory, "out", ".txt");
		Path err = Files.createTempFile(this.directory, "err", ".txt");
		ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile())
			.redirectError(err.toFile());
		builder.environment().remove("FIGMART_GATEWAY_URL");
		builder.environment().remove("FIGMART_GATEWAY_TOKEN");
		builder.environment().remove("FIGMART_GATEWAY_KEY_FILE");
		builder.environment().putAll(env);
		if (workingDirectory != null) {
			builder.directory(workingDirectory.toFile());
		}
		Process process = builder.start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(command + " did not finish within 60 s");
		}
		return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

}
