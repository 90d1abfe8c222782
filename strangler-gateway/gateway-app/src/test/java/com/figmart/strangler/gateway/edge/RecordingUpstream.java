package com.figmart.strangler.gateway.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 and a random port that keeps every request it receives and answers
 * {@code {"server":"<name>"}}.
 */
final class RecordingUpstream implements AutoCloseable {

	private final String name;

	private final HttpServer server;

	private final ExecutorService executor;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private RecordingUpstream(String name, HttpServer server, ExecutorService executor) {
		this.name = name;
		this.server = server;
		this.executor = executor;
	}

	static RecordingUpstream start(String name) {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			ExecutorService executor = Executors.newFixedThreadPool(4);
			RecordingUpstream upstream = new RecordingUpstream(name, server, executor);
			server.createContext("/", upstream::handle);
			server.setExecutor(executor);
			server.start();
			return upstream;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start upstream " + name, ex);
		}
	}

	String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	/** The last request to this path. */
	Received lastTo(String path) {
		List<Received> all = received();
		for (int i = all.size() - 1; i >= 0; i--) {
			if (all.get(i).path().equals(path)) {
				return all.get(i);
			}
		}
		throw new AssertionError("no request to " + path + " reached " + this.name);
	}

	boolean sawPath(String path) {
		return received().stream().anyMatch((r) -> r.path().equals(path));
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				exchange.getRequestHeaders(), body));
		byte[] bytes = ("{\"server\":\"" + this.name + "\"}").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {

		Received {
			Headers copy = new Headers();
			copy.putAll(headers);
			headers = copy;
		}

		/** A header's first value (case-insensitive name), or null. */
		String header(String name) {
			return ((Headers) this.headers).getFirst(name);
		}

		List<String> headerValues(String name) {
			List<String> values = this.headers.get(name);
			return (values != null) ? values : List.of();
		}

	}

}
