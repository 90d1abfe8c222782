package com.figmart.strangler.gateway;

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
 * A real HTTP server on 127.0.0.1 and a random port standing in for the monolith or a new service: it answers
 * every request with a JSON body naming itself ({@code "server"}) and echoing method, raw path, raw query and
 * body, and keeps every request it receives.
 */
public final class EchoServer implements AutoCloseable {

	private final String name;

	private final HttpServer server;

	private final ExecutorService executor;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private EchoServer(String name, HttpServer server, ExecutorService executor) {
		this.name = name;
		this.server = server;
		this.executor = executor;
	}

	public static EchoServer start(String name) {
		// Without TCP_NODELAY, Nagle's algorithm and delayed ACKs add ~40 ms to every proxied exchange.
		// Read once when the JDK server classes initialise, so it must be set before the first server starts.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			ExecutorService executor = Executors.newFixedThreadPool(4);
			EchoServer echo = new EchoServer(name, server, executor);
			server.createContext("/", echo::handle);
			server.setExecutor(executor);
			server.start();
			return echo;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start echo server " + name, ex);
		}
	}

	public String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Every request received so far, oldest first. */
	public List<Received> received() {
		return List.copyOf(this.received);
	}

	/** The last request to this path. */
	public Received lastTo(String path) {
		List<Received> all = received();
		for (int i = all.size() - 1; i >= 0; i--) {
			if (all.get(i).path().equals(path)) {
				return all.get(i);
			}
		}
		throw new AssertionError("no request to " + path + " reached " + this.name);
	}

	public boolean sawPath(String path) {
		return received().stream().anyMatch((r) -> r.path().equals(path));
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				exchange.getRequestHeaders(), body));
		String query = exchange.getRequestURI().getRawQuery();
		String json = "{\"server\":\"" + escape(this.name) + "\",\"method\":\"" + escape(exchange.getRequestMethod())
				+ "\",\"path\":\"" + escape(exchange.getRequestURI().getRawPath()) + "\",\"query\":"
				+ ((query != null) ? "\"" + escape(query) + "\"" : "null") + ",\"body\":\""
				+ escape(new String(body, StandardCharsets.UTF_8)) + "\",\"forcedHeader\":"
				+ exchange.getRequestHeaders().containsKey("X-Figmart-Target") + "}";
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static String escape(String text) {
		StringBuilder sb = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char ch = text.charAt(i);
			if (ch == '"' || ch == '\\') {
				sb.append('\\').append(ch);
			}
			else if (ch < 0x20) {
				sb.append(String.format("\\u%04x", (int) ch));
			}
			else {
				sb.append(ch);
			}
		}
		return sb.toString();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/** One request as it arrived. */
	public record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {

		public Received {
			Headers copy = new Headers();
			copy.putAll(headers);
			headers = copy;
		}

		/** A header's first value (case-insensitive name), or null. */
		public String header(String name) {
			return ((Headers) this.headers).getFirst(name);
		}

		public List<String> headerValues(String name) {
			List<String> values = this.headers.get(name);
			return (values != null) ? values : List.of();
		}

	}

}
