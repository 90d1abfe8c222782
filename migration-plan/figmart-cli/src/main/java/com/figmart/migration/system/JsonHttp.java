package com.figmart.migration.system;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP to one of the topology's services: the JSON body of a 2xx, or an {@link ApiException} that
 * carries the problem body's detail for anything else.
 */
final class JsonHttp {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper JSON = JsonMapper.shared();

	private final String name;

	private final URI base;

	private final Supplier<String> token;

	JsonHttp(String name, URI base, Supplier<String> token) {
		this.name = name;
		this.base = base;
		this.token = token;
	}

	JsonNode get(String path) {
		return send("GET", path, null);
	}

	JsonNode send(String method, String path, Object body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json, application/problem+json")
			.header("User-Agent", "figmart-cli");
		String bearer = this.token.get();
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> response;
		try {
			response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new ApiException(this.name + " (" + this.base + ") cannot be reached: " + ex.getMessage(), 0);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ApiException(this.name + ": interrupted", 0);
		}
		JsonNode json = parse(response.body());
		if (response.statusCode() / 100 != 2) {
			String detail = (json != null && json.hasNonNull("detail")) ? json.get("detail").asString() : response.body();
			throw new ApiException(this.name + " answered " + response.statusCode() + " to " + method + " " + path + ": " + detail,
					response.statusCode());
		}
		return json;
	}

	static String segment(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** An answer other than 2xx, or none. */
	static final class ApiException extends RuntimeException {

		private final int status;

		ApiException(String message, int status) {
			super(message);
			this.status = status;
		}

		int status() {
			return this.status;
		}

	}

}
