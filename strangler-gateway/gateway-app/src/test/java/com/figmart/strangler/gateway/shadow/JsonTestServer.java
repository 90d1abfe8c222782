package com.figmart.strangler.gateway.shadow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 and a random port whose answers are programmed per path prefix, and which
 * remembers every request it received.
 */
final class JsonTestServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, Function<Received, Answer>> answers = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

	private JsonTestServer(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	static JsonTestServer start() {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			ExecutorService executor = Executors.newCachedThreadPool();
			JsonTestServer json = new JsonTestServer(server, executor);
			server.createContext("/", json::handle);
			server.setExecutor(executor);
			server.start();
			return json;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start test server", ex);
		}
	}

	/** A URI where nothing listens: a port that was free a moment ago. */
	static String deadUri() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Answers requests whose path starts with {@code pathPrefix} (the longest prefix wins). */
	void answer(String pathPrefix, Function<Received, Answer> answer) {
		this.answers.put(pathPrefix, answer);
	}

	void answer(String pathPrefix, Answer answer) {
		answer(pathPrefix, (request) -> answer);
	}

	/** The requests received so far whose path starts with {@code pathPrefix}. */
	List<Received> received(String pathPrefix) {
		return this.received.stream().filter((r) -> r.path().startsWith(pathPrefix)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				exchange.getRequestURI().getRawQuery(), new String(body, StandardCharsets.UTF_8),
				exchange.getRequestHeaders().getFirst("X-Figmart-Shadow"),
				exchange.getRequestHeaders().getFirst("X-Customer-Id"));
		this.received.add(request);
		Function<Received, Answer> program = this.answers.entrySet()
			.stream()
			.filter((e) -> request.path().startsWith(e.getKey()))
			.max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
			.map(Map.Entry::getValue)
			.orElse((r) -> new Answer(404, "application/json", "{\"error\":\"not programmed\"}", null));
		Answer answer = program.apply(request);
		if (answer.hold() != null) {
			try {
				answer.hold().await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", answer.contentType());
		exchange.sendResponseHeaders(answer.status(), (bytes.length == 0) ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * A request as received: method, raw path and query, body, and the values of {@code X-Figmart-Shadow} and
	 * {@code X-Customer-Id} if any.
	 */
	record Received(String method, String path, String query, String body, String shadowHeader,
			String customerId) {

	}

	/** An answer; with a {@code hold}, sent only once the latch is released (at most 30 s later). */
	record Answer(int status, String contentType, String body, CountDownLatch hold) {

		static Answer json(String body) {
			return new Answer(200, "application/json", body, null);
		}

		Answer heldBy(CountDownLatch latch) {
			return new Answer(this.status, this.contentType, this.body, latch);
		}

	}

}
