package com.figmart.strangler.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 and a random port that answers every request with a JSON body naming
 * itself and echoing method, raw path, raw query and body.
 */
final class EchoServer implements AutoCloseable {

	private final String name;

	private final HttpServer server;

	private final ExecutorService executor;

	private EchoServer(String name, HttpServer server, ExecutorService executor) {
		this.name = name;
		this.server = server;
		this.executor = executor;
	}

	static EchoServer start(String name) {
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

	String uri() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		String query = exchange.getRequestURI().getRawQuery();
		String json = "{\"server\":\"" + escape(name) + "\",\"method\":\"" + escape(exchange.getRequestMethod())
				+ "\",\"path\":\"" + escape(exchange.getRequestURI().getRawPath()) + "\",\"query\":"
				+ ((query != null) ? "\"" + escape(query) + "\"" : "null") + ",\"body\":\"" + escape(body)
				+ "\",\"forcedHeader\":" + exchange.getRequestHeaders().containsKey("X-Figmart-Target") + "}";
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
		server.stop(0);
		executor.shutdownNow();
	}

}
