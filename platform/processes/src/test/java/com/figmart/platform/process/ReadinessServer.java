package com.figmart.platform.process;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in app for {@link JavaProcessTests}: {@code port delayMillis [exit CODE | child | never-ready]}.
 * It prints a line, waits, then answers 200 on {@code /ready}; {@code exit} quits before that,
 * {@code child} first starts a long {@code sleep} process, {@code never-ready} answers 503.
 */
public final class ReadinessServer {

	private ReadinessServer() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		long delay = Long.parseLong(args[1]);
		String behaviour = (args.length > 2) ? args[2] : "";
		System.out.println("starting on " + port);
		if (behaviour.equals("exit")) {
			System.out.println("giving up");
			System.exit(Integer.parseInt(args[3]));
		}
		if (behaviour.equals("child")) {
			Process child = new ProcessBuilder("sleep", "300").start();
			System.out.println("child " + child.pid());
		}
		Thread.sleep(delay);
		int status = behaviour.equals("never-ready") ? 503 : 200;
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		server.createContext("/ready", (exchange) -> {
			byte[] body = "ready".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		System.out.println("ready");
	}

}
