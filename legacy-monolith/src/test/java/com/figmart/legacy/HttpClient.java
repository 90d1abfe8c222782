package com.figmart.legacy;

import java.util.Map;
import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/**
 * A plain HTTP client for tests of the running application: it never throws on 4xx or 5xx, so a
 * test can assert on the status and the problem body.
 */
final class HttpClient {

	private final RestClient rest;

	HttpClient(int port) {
		this.rest = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
				.defaultStatusHandler(status -> true, (request, response) -> {
				})
				.build();
	}

	ResponseEntity<JsonNode> get(String path) {
		return rest.get().uri(path).retrieve().toEntity(JsonNode.class);
	}

	/** The status of a GET, whatever the content type of its body. */
	org.springframework.http.HttpStatusCode status(String path) {
		return rest.get().uri(path).retrieve().toBodilessEntity().getStatusCode();
	}

	ResponseEntity<JsonNode> post(String path, Object json) {
		return send(HttpMethod.POST, path, json, headers -> {
		});
	}

	ResponseEntity<JsonNode> post(String path, Object json, Consumer<HttpHeaders> headers) {
		return send(HttpMethod.POST, path, json, headers);
	}

	ResponseEntity<JsonNode> put(String path, Object json) {
		return send(HttpMethod.PUT, path, json, headers -> {
		});
	}

	ResponseEntity<JsonNode> send(HttpMethod method, String path, Object body, Consumer<HttpHeaders> headers) {
		var request = rest.method(method).uri(path).headers(headers);
		if (body instanceof String raw) {
			request = request.body(raw);
			if (!headersContain(headers, HttpHeaders.CONTENT_TYPE)) {
				request = request.contentType(MediaType.APPLICATION_JSON);
			}
		}
		else {
			request = request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().toEntity(JsonNode.class);
	}

	/** Registers a customer and returns its id. */
	String registerCustomer(String email) {
		var response = post("/api/customers", Map.of("email", email, "name", "Test customer", "region", "EU"));
		return response.getBody().get("id").asString();
	}

	private static boolean headersContain(Consumer<HttpHeaders> headers, String name) {
		var probe = new HttpHeaders();
		headers.accept(probe);
		return probe.containsHeader(name);
	}
}
