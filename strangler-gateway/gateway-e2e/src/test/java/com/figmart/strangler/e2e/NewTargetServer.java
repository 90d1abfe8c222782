package com.figmart.strangler.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The "extracted service" of these tests: a second real HTTP server. Healthy, it answers every request as
 * the monolith would, by asking the monolith (so shadow comparisons match and a flip between the two sides
 * is invisible to a client), and says who it is in {@value #SERVED_HEADER}. Failing, it answers 500 to
 * everything. It counts what arrives, by method and path.
 */
final class NewTargetServer implements AutoCloseable {

	static final String SERVED_HEADER = "X-Served-By";

	static final String NAME = "catalog-service";

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(16);

	private final HttpClient monolith = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final URI monolithUri;

	private final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();

	private volatile boolean failing;

	NewTargetServer(URI monolithUri) throws IOException {
		this.monolithUri = monolithUri;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	void failing(boolean failing) {
		this.failing = failing;
	}

	/** How many requests arrived with this method and path (without query). */
	int arrivals(String method, String path) {
		AtomicInteger count = this.arrivals.get(method + " " + path);
		return (count != null) ? count.get() : 0;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			byte[] body = in.readAllBytes();
			String method = exchange.getRequestMethod();
			URI uri = exchange.getRequestURI();
			this.arrivals.computeIfAbsent(method + " " + uri.getRawPath(), (key) -> new AtomicInteger()).incrementAndGet();
			exchange.getResponseHeaders().set(SERVED_HEADER, NAME);
			if (this.failing) {
				byte[] problem = "{\"title\":\"Internal Server Error\",\"status\":500}".getBytes();
				exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
				exchange.sendResponseHeaders(500, problem.length);
				exchange.getResponseBody().write(problem);
				return;
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(this.monolithUri.resolve(uri.getRawPath()
					+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "")))
				.timeout(Duration.ofSeconds(10))
				.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
			String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
			if (contentType != null) {
				request.header("Content-Type", contentType);
			}
			HttpResponse<byte[]> answer = this.monolith.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			answer.headers().firstValue("Content-Type").ifPresent((type) -> exchange.getResponseHeaders().set("Content-Type", type));
			exchange.sendResponseHeaders(answer.statusCode(), (answer.body().length == 0) ? -1 : answer.body().length);
			exchange.getResponseBody().write(answer.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
