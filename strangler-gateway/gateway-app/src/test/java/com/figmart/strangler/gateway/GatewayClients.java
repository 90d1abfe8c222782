package com.figmart.strangler.gateway;

import java.time.Duration;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The HTTP client the tests call a running gateway with, over a real socket. */
public final class GatewayClients {

	private GatewayClients() {
	}

	public static WebTestClient at(int port) {
		return at("http://127.0.0.1:" + port);
	}

	/**
	 * A client that opens a connection per request. A test that checks only the status leaves the body unread,
	 * and an unread body holds its pooled connection until it is collected; enough of them exhaust the shared
	 * pool, and the next request then waits for a connection until the response timeout.
	 */
	public static WebTestClient at(String baseUrl) {
		HttpClient unpooled = HttpClient.create(ConnectionProvider.newConnection());
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(unpooled))
			.baseUrl(baseUrl)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

}
