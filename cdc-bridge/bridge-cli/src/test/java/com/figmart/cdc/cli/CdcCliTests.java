package com.figmart.cdc.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI against a stand-in of the bridge's API on a real socket, answering what the bridge answers. */
class CdcCliTests {

	private HttpServer server;

	private final Map<String, String[]> answers = new ConcurrentHashMap<>();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void start() throws Exception {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", exchange -> {
			var answer = this.answers.getOrDefault(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
					new String[] { "404", "{\"title\":\"Not Found\",\"detail\":\"no such path\"}" });
			var body = answer[1].getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	private int run(String... args) {
		var env = Map.of("FIGMART_CDC_URL", "http://127.0.0.1:" + this.server.getAddress().getPort());
		return CdcCli.execute(new PrintStream(this.out, true), new PrintStream(this.err, true), env, args);
	}

	@Test
	void parityListsTheDifferingRowsAndExitsWith8() {
		this.answers.put("GET /api/parity", new String[] { "200", """
				{"clean":false,"mappings":[{"mapping":"catalog-products","sourceRows":4,"targetRows":3,
				 "sourceChecksum":"aa","targetChecksum":"bb","differingRows":2,"missingOnTarget":["SKU-1"],
				 "extraOnTarget":[],"different":[],"deadLettered":["SKU-2"]}]}""" });

		int code = run("parity");

		assertThat(code).isEqualTo(CdcCli.PARITY_DIFFERS);
		assertThat(this.out.toString()).contains("catalog-products: source 4 rows", "2 rows differ",
				"missingOnTarget: SKU-1", "deadLettered: SKU-2");
	}

	@Test
	void aCleanParityExitsWith0() {
		this.answers.put("GET /api/parity", new String[] { "200", """
				{"clean":true,"mappings":[{"mapping":"m","sourceRows":1,"targetRows":1,"sourceChecksum":"aa",
				 "targetChecksum":"aa","differingRows":0,"missingOnTarget":[],"extraOnTarget":[],"different":[],
				 "deadLettered":[]}]}""" });

		assertThat(run("parity", "-o", "json")).isZero();
		assertThat(this.out.toString()).contains("\"clean\"").contains("true");
	}

	@Test
	void aSwitchThatCannotReachZeroLagExitsWith3AndPrintsTheProblem() {
		this.answers.put("PUT /api/sync/direction", new String[] { "409",
				"{\"type\":\"https://figmart.dev/problems/lag-not-zero\",\"title\":\"Lag did not reach zero\",\"detail\":\"the direction stays FORWARD\"}" });

		assertThat(run("direction", "reverse")).isEqualTo(CdcCli.CONFLICT);
		assertThat(this.err.toString()).contains("409 Lag did not reach zero: the direction stays FORWARD");
	}

	@Test
	void aSwitchPrintsTheNewDirectionAndTheBarrierTime() {
		this.answers.put("PUT /api/sync/direction", new String[] { "200", "{\"direction\":\"REVERSE\",\"barrierMillis\":42}" });

		assertThat(run("direction", "REVERSE")).isZero();
		assertThat(this.out.toString()).contains("REVERSE  (barrier 42 ms)");
	}

	@Test
	void anUnreachableBridgeExitsWith6() {
		var env = Map.of("FIGMART_CDC_URL", "http://127.0.0.1:1");
		int code = CdcCli.execute(new PrintStream(this.out), new PrintStream(this.err), env, "status");

		assertThat(code).isEqualTo(CdcCli.UNREACHABLE);
		assertThat(this.err.toString()).contains("cannot reach the bridge");
	}

	@Test
	void anUnknownCommandIsAUsageError() {
		assertThat(run("sideways")).isEqualTo(CdcCli.USAGE);
	}
}
