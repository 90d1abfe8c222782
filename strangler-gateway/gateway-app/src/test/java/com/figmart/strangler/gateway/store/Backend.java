package com.figmart.strangler.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 and a random port answering every request with {@code {"server":"<name>"}}: the
 * monolith or a new service behind the gateway in tests.
 */
public final class Backend implements AutoCloseable {

	private final HttpServer server;

	private Backend(HttpServer server) {
		this.server = server;
	}

	public static Backend start(String name) {
		// Without TCP_NODELAY, Nagle's algorithm and delayed ACKs add ~40 ms to every proxied exchange. The JDK server
		// reads it once, when its classes initialise: whichever test server starts first must set it.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			byte[] body = ("{\"server\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
			server.createContext("/", (exchange) -> {
				exchange.getRequestBody().readAllBytes();
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return new Backend(server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String uri() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
