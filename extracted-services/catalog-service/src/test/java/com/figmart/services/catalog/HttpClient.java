package com.figmart.services.catalog;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/** A plain HTTP client for tests: it never throws on 4xx or 5xx, so a test asserts on status and problem body. */
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

	ResponseEntity<JsonNode> post(String path, Object json) {
		return send(HttpMethod.POST, path, json, headers -> {
		});
	}

	ResponseEntity<JsonNode> put(String path, Object json) {
		return send(HttpMethod.PUT, path, json, headers -> {
		});
	}

	ResponseEntity<JsonNode> send(HttpMethod method, String path, Object body, Consumer<HttpHeaders> headers) {
		var request = rest.method(method).uri(path).headers(headers);
		if (body instanceof String raw) {
			var probe = new HttpHeaders();
			headers.accept(probe);
			request = request.body(raw);
			if (!probe.containsHeader(HttpHeaders.CONTENT_TYPE)) {
				request = request.contentType(MediaType.APPLICATION_JSON);
			}
		}
		else {
			request = request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().toEntity(JsonNode.class);
	}

	/** Adds a listed product in EUR and returns the response. */
	ResponseEntity<JsonNode> create(String sku, String name, String description, String price, String category) {
		return post("/api/catalog/products", Map.of("sku", sku, "name", name, "description", description, "price",
				Map.of("amount", price, "currency", "EUR"), "category", category));
	}

	/** A word no other test uses: lower-case letters only, so full-text search keeps it whole. */
	static String uniqueWord() {
		var random = ThreadLocalRandom.current();
		var word = new StringBuilder("w");
		for (int i = 0; i < 10; i++) {
			word.append((char) ('a' + random.nextInt(26)));
		}
		return word.toString();
	}

	/** A SKU no other test uses. */
	static String uniqueSku(String prefix) {
		return prefix + "-" + uniqueWord().toUpperCase();
	}
}
