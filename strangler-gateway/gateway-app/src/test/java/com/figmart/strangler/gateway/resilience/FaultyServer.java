package com.figmart.strangler.gateway.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 and a random port standing in for a new target (or the monolith) that
 * can misbehave on purpose: per path prefix it can answer late, answer with a status, fail a number of times
 * before it recovers, or close the connection without answering. It counts the arrivals of every method and
 * path, so a test can tell how many times a request was really sent. Otherwise it answers
 * {@code {"server":"<name>","method":...,"path":...}}.
 */
final class FaultyServer implements AutoCloseable {

	private final String name;

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();

	private FaultyServer(String name, HttpServer server, ExecutorService executor) {
		this.name = name;
		this.server = server;
		this.executor = executor;
	}

	static FaultyServer start(String name) {
		// see EchoServer: without TCP_NODELAY every proxied exchange waits for delayed ACKs
		System.setProperty("sun.net.httpserver.nodelay", "true");
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			ExecutorService executor = Executors.newCachedThreadPool();
			FaultyServer faulty = new FaultyServer(name, server, executor);
			server.createContext("/", faulty::handle);
			server.setExecutor(executor);
			server.start();
			return faulty;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start server " + name, ex);
		}
	}

	/** A URI where nothing listens: connections are refused. */
	static String refusingUri() {
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

	/** Requests whose path starts with {@code prefix} get {@code behaviour}. */
	FaultyServer on(String prefix, Behaviour behaviour) {
		this.behaviours.put(prefix, behaviour);
		return this;
	}

	/** How many requests with this method and exact raw path arrived. */
	int arrivals(String method, String path) {
		AtomicInteger count = this.arrivals.get(method + " " + path);
		return (count != null) ? count.get() : 0;
	}

	/** How many requests whose raw path starts with {@code prefix} arrived, any method. */
	int arrivalsUnder(String prefix) {
		return this.arrivals.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().substring(entry.getKey().indexOf(' ') + 1).startsWith(prefix))
			.mapToInt((entry) -> entry.getValue().get())
			.sum();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		String method = exchange.getRequestMethod();
		int arrival = this.arrivals.computeIfAbsent(method + " " + path, (key) -> new AtomicInteger()).incrementAndGet();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Behaviour behaviour = this.behaviours.entrySet()
			.stream()
			.filter((entry) -> path.startsWith(entry.getKey()))
			.max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
			.map(Map.Entry::getValue)
			.orElse(null);
		if (behaviour != null && behaviour.handle(exchange, method, arrival)) {
			return;
		}
		String query = exchange.getRequestURI().getRawQuery();
		respond(exchange, 200, "{\"server\":\"" + this.name + "\",\"method\":\"" + method + "\",\"path\":\"" + path
				+ "\",\"query\":" + ((query != null) ? "\"" + query + "\"" : "null") + ",\"bodyLength\":"
				+ body.length() + ",\"body\":\"" + ((body.length() <= 1024) ? body.replace("\"", "\\\"") : "(long)")
				+ "\"}");
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/** What the server does with a request; true when it has answered (or hung up) itself. */
	@FunctionalInterface
	interface Behaviour {

		boolean handle(HttpExchange exchange, String method, int arrival) throws IOException;

		/** Waits, then answers normally. */
		static Behaviour slow(Duration delay) {
			return (exchange, method, arrival) -> {
				try {
					Thread.sleep(delay.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return false;
			};
		}

		/** Answers every request with {@code status}. */
		static Behaviour status(int status) {
			return (exchange, method, arrival) -> {
				respond(exchange, status, "{\"error\":" + status + "}");
				return true;
			};
		}

		/** Answers the first {@code times} requests of each path with {@code status}, the later ones normally. */
		static Behaviour failFirst(int times, int status) {
			return (exchange, method, arrival) -> {
				if (arrival > times) {
					return false;
				}
				respond(exchange, status, "{\"error\":" + status + "}");
				return true;
			};
		}

		/** Closes the connection without a response (the request has been read). */
		static Behaviour hangUp() {
			return (exchange, method, arrival) -> {
				// closing an exchange before its response headers were sent closes the connection
				exchange.close();
				return true;
			};
		}

	}

}
