package com.figmart.strangler.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import com.figmart.strangler.gateway.EchoServer;
import com.figmart.strangler.gateway.GatewayClients;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request size limit, request ids, trace context and the access log, over real sockets in front of a real
 * upstream that records what reaches it.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "figmart.gateway.max-request-size=64KB", "figmart.gateway.rate-limit.enabled=false" })
class RequestHygieneTests {

	private static final int LIMIT = 64 * 1024;

	private static EchoServer legacy;

	@LocalServerPort
	private int port;

	private WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		legacy = EchoServer.start("legacy");
		Path keys = Files.createTempDirectory("request-hygiene-tests");
		registry.add("figmart.gateway.legacy-uri", legacy::uri);
		registry.add("figmart.gateway.security.local-key-file", () -> keys.resolve("jwt.key").toString());
	}

	@AfterAll
	static void stopUpstream() {
		legacy.close();
	}

	@BeforeEach
	void client() {
		this.client = GatewayClients.at(this.port);
	}

	@Test
	void refusesABodyAnnouncedLargerThanTheLimit() {
		this.client.post().uri("/api/upload/announced").contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(new byte[LIMIT + 1])
			.exchange()
			.expectStatus().isEqualTo(413)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://figmart.dev/problems/request-too-large")
			.jsonPath("$.maxBytes").isEqualTo(LIMIT);
		assertThat(legacy.sawPath("/api/upload/announced")).isFalse();
	}

	@Test
	void forwardsABodyAtTheLimit() {
		byte[] body = new byte[LIMIT];
		Arrays.fill(body, (byte) 'x');
		this.client.post().uri("/api/upload/at-limit").contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(body).exchange().expectStatus().isOk();
		assertThat(legacy.lastTo("/api/upload/at-limit").body()).isEqualTo(body);
	}

	@Test
	void forwardsAChunkedBodyWithinTheLimitWhole() {
		DefaultDataBufferFactory factory = DefaultDataBufferFactory.sharedInstance;
		Flux<DataBuffer> chunks = Flux.range(0, 10)
			.map((i) -> factory.wrap(("chunk-" + i + ";").getBytes(StandardCharsets.UTF_8)));
		this.client.post().uri("/api/upload/chunked").contentType(MediaType.TEXT_PLAIN)
			.body(chunks, DataBuffer.class).exchange().expectStatus().isOk();
		EchoServer.Received received = legacy.lastTo("/api/upload/chunked");
		assertThat(new String(received.body(), StandardCharsets.UTF_8))
			.isEqualTo("chunk-0;chunk-1;chunk-2;chunk-3;chunk-4;chunk-5;chunk-6;chunk-7;chunk-8;chunk-9;");
		assertThat(received.header("Content-Length")).isEqualTo("80");
		assertThat(received.header("Transfer-Encoding")).isNull();
	}

	@Test
	void refusesAChunkedBodyThatGrowsPastTheLimitAndTheServiceSeesNoneOfIt() throws IOException {
		String response;
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/upload/too-big HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
					+ "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			byte[] chunk = new byte[8192];
			Arrays.fill(chunk, (byte) 'y');
			for (int i = 0; i < 9; i++) {
				out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				out.write(chunk);
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			response = readResponse(socket.getInputStream());
		}
		assertThat(response).startsWith("HTTP/1.1 413");
		assertThat(response).contains("application/problem+json", "chunked request body grew", "\"maxBytes\":" + LIMIT);
		assertThat(legacy.sawPath("/api/upload/too-big")).isFalse();
	}

	@Test
	void givesEveryRequestAnIdAndKeepsAValidOne() {
		EntityExchangeResult<byte[]> generated = this.client.get().uri("/api/ids/none").exchange()
			.expectStatus().isOk().expectBody().returnResult();
		String id = generated.getResponseHeaders().getFirst(RequestCorrelation.REQUEST_ID_HEADER);
		assertThat(UUID.fromString(id)).isNotNull();
		assertThat(legacy.lastTo("/api/ids/none").header("X-Request-Id")).isEqualTo(id);

		this.client.get().uri("/api/ids/valid").header("X-Request-Id", "client-42_a.b").exchange()
			.expectHeader().valueEquals("X-Request-Id", "client-42_a.b");
		assertThat(legacy.lastTo("/api/ids/valid").header("X-Request-Id")).isEqualTo("client-42_a.b");

		String invalid = "bad id with spaces";
		EntityExchangeResult<byte[]> replaced = this.client.get().uri("/api/ids/invalid").header("X-Request-Id", invalid)
			.exchange().expectBody().returnResult();
		String replacement = replaced.getResponseHeaders().getFirst("X-Request-Id");
		assertThat(replacement).isNotEqualTo(invalid);
		assertThat(UUID.fromString(replacement)).isNotNull();
		assertThat(legacy.lastTo("/api/ids/invalid").headerValues("X-Request-Id")).containsExactly(replacement);
	}

	@Test
	void refusedRequestsCarryTheirIdToo() {
		this.client.get().uri("/api/orders/1").header("X-Request-Id", "refused-1").exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().valueEquals("X-Request-Id", "refused-1");
	}

	@Test
	void passesAValidTraceContextThroughUnchanged() {
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		this.client.get().uri("/api/trace/valid").header("traceparent", traceparent)
			.header("tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7").exchange().expectStatus().isOk();
		EchoServer.Received received = legacy.lastTo("/api/trace/valid");
		assertThat(received.header("traceparent")).isEqualTo(traceparent);
		assertThat(received.header("tracestate")).isEqualTo("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
	}

	@Test
	void startsATraceWhenThereIsNoneOrABrokenOne() {
		this.client.get().uri("/api/trace/none").exchange().expectStatus().isOk();
		String created = legacy.lastTo("/api/trace/none").header("traceparent");
		assertThat(RequestIdFilter.isValidTraceparent(created)).isTrue();
		assertThat(created).startsWith("00-").endsWith("-00");

		this.client.get().uri("/api/trace/broken")
			.header("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01")
			.header("tracestate", "congo=t61rcWkgMzE").exchange().expectStatus().isOk();
		EchoServer.Received received = legacy.lastTo("/api/trace/broken");
		assertThat(RequestIdFilter.isValidTraceparent(received.header("traceparent"))).isTrue();
		assertThat(received.header("traceparent")).doesNotContain("00000000000000000000000000000000");
		assertThat(received.header("tracestate")).isNull();
	}

	@Test
	void writesOneJsonAccessLogLinePerRequest(CapturedOutput output) {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		byte[] body = this.client.get().uri("/api/logged?x=1").header("X-Request-Id", "logged-1")
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").exchange().expectStatus().isOk()
			.expectBody().returnResult().getResponseBody();
		Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(accessLine(output, "logged-1"))
			.contains("\"traceId\":\"" + traceId + "\"")
			.contains("\"method\":\"GET\"", "\"path\":\"/api/logged\"", "\"status\":200", "\"rule\":\"default\"",
					"\"mode\":\"LEGACY\"", "\"servedBy\":\"legacy\"", "\"target\":null", "\"client\":\"127.0.0.1\"",
					"\"subject\":null", "\"bytes\":" + body.length)
			.containsPattern("\"latencyMs\":[0-9.]+")
			.containsPattern("\"time\":\"[0-9T:.\\-]+Z\""));

		this.client.get().uri("/api/orders/1").header("X-Request-Id", "logged-2").exchange().expectStatus().isUnauthorized();
		Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(accessLine(output, "logged-2"))
			.contains("\"status\":401", "\"rule\":null", "\"servedBy\":null"));
	}

	private static String accessLine(CapturedOutput output, String requestId) {
		return output.getOut().lines()
			.filter((line) -> line.contains("figmart.access") && line.contains("\"requestId\":\"" + requestId + "\""))
			.findFirst()
			.orElse("");
	}

	private static String readResponse(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[4096];
		try {
			int n;
			while ((n = in.read(buffer)) > 0) {
				bytes.write(buffer, 0, n);
				String text = bytes.toString(StandardCharsets.UTF_8);
				if (text.contains("\r\n\r\n") && text.endsWith("}")) {
					break;
				}
			}
		}
		catch (IOException ex) {
			// the gateway may close the connection right after its answer; what was read is the answer
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
