package com.figmart.strangler.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.figmart.strangler.cli.GatewayCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code figmart-gateway}, the command-line client, against the running gateway: an operator's session
 * from a terminal, with the exit codes a script relies on.
 */
@ExtendWith(Topology.Extension.class)
class CommandLineClientIT {

	Topology topology;

	GatewayHttp http;

	@BeforeEach
	void connect(Topology topology) {
		this.topology = topology;
		this.http = new GatewayHttp(topology.gatewayUri());
		topology.newTarget().failing(false);
	}

	@Test
	void anOperatorMovesARuleAndReadsItsHistory() {
		assertThat(cli("rules", "set-mode", Topology.PRODUCT_RULE, "LEGACY", "--reason", "cli: start").exitCode())
			.isZero();

		Run moved = cli("rules", "set-mode", Topology.PRODUCT_RULE, "NEW", "--reason", "cli: product reads move");

		assertThat(moved.exitCode()).as(moved.toString()).isZero();
		assertThat(moved.out()).contains(Topology.PRODUCT_RULE).contains("NEW");
		assertThat(this.http.get(GatewayInFrontOfMonolithIT.PRODUCT).header("X-Figmart-Served-By"))
			.isEqualTo(NewTargetServer.NAME);
		Run history = cli("rules", "history", Topology.PRODUCT_RULE, "-o", "json");
		assertThat(history.exitCode()).isZero();
		assertThat(history.out()).contains("cli: product reads move").contains("\"actor\" : \"cli-operator\"");
		Run list = cli("rules", "list");
		assertThat(list.out()).contains(Topology.PRODUCT_RULE).contains(Topology.CUSTOMER_RULE);
	}

	@Test
	void scriptsCanTellAConflictAMissingRuleAndAnUnreachableGatewayApart() {
		Run stale = cli("rules", "set-mode", Topology.PRODUCT_RULE, "SHADOW", "--reason", "cli: stale", "--version", "1");
		assertThat(stale.exitCode()).as(stale.toString()).isEqualTo(3);
		assertThat(stale.err()).contains("version");

		assertThat(cli("rules", "get", "no-such-rule").exitCode()).isEqualTo(2);
		assertThat(cli("rules", "set-mode", Topology.PRODUCT_RULE, "SIDEWAYS", "--reason", "x").exitCode())
			.isEqualTo(1);
		Run unreachable = run(Map.of("FIGMART_GATEWAY_URL", "http://127.0.0.1:9",
				"FIGMART_GATEWAY_KEY_FILE", this.topology.keyFile().toString()), "rules", "list");
		assertThat(unreachable.exitCode()).isEqualTo(6);
	}

	private Run cli(String... args) {
		return run(Map.of("FIGMART_GATEWAY_URL", this.topology.gatewayUri().toString(),
				"FIGMART_GATEWAY_KEY_FILE", this.topology.keyFile().toString(), "FIGMART_GATEWAY_SUBJECT",
				"cli-operator"), args);
	}

	record Run(int exitCode, String out, String err) {
	}

	private static Run run(Map<String, String> env, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = new GatewayCli().execute(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), env, args);
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

}
