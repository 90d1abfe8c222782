package com.figmart.migration.cli;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.figmart.cdc.cli.CdcCli;
import com.figmart.platform.process.JavaProcess;
import com.figmart.strangler.cli.GatewayCli;

import static org.assertj.core.api.Assertions.assertThat;

/** The exit codes scripts rely on, including those of the clients {@code figmart route} and {@code figmart sync} run. */
class FigmartCliTests {

	private static final String NOBODY = "http://127.0.0.1:" + JavaProcess.freePort();

	@Test
	void routePassesEveryArgumentToTheGatewayClientAndReturnsItsExitCode() {
		assertThat(FigmartCli.execute(Map.of(), "route", "--gateway", NOBODY, "rules", "list")).isEqualTo(GatewayCli.UNREACHABLE);
		assertThat(FigmartCli.execute(Map.of(), "route", "--help")).isEqualTo(GatewayCli.OK);
		assertThat(FigmartCli.execute(Map.of(), "route", "rules", "no-such-command")).isEqualTo(GatewayCli.USAGE);
	}

	@Test
	void syncPassesEveryArgumentToTheBridgeClientAndReturnsItsExitCode() {
		assertThat(FigmartCli.execute(Map.of(), "sync", "--url", NOBODY, "parity")).isEqualTo(CdcCli.UNREACHABLE);
		assertThat(FigmartCli.execute(Map.of(), "sync", "--help")).isEqualTo(CdcCli.OK);
	}

	@Test
	void anUnknownCommandIsAUsageError() {
		assertThat(FigmartCli.execute(Map.of(), "launch")).isEqualTo(FigmartCli.USAGE);
	}

	@Test
	void statusWithNothingRunningSaysSo() {
		assertThat(FigmartCli.execute(Map.of(), "status", "--topology", "../topology.yml", "--pid-file",
				"target/no-such.pid")).isEqualTo(FigmartCli.NOT_RUNNING);
	}

}
