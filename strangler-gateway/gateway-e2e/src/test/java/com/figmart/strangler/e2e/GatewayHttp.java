package com.figmart.strangler.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of the gateway, as any client on the network would use it. */
final class GatewayHttp {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI base;

	GatewayHttp(URI base) {
		this.base = base;
	}

	Response get(String path, String... headers) {
		return send("GET", path, null, headers);
	}

	Response send(String method, String path, Object json, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path)).timeout(Duration.ofSeconds(30));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		String body = (json == null) ? null : (json instanceof String text) ? text : JSON.writeValueAsString(json);
		request.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody());
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The admin API with a bearer token. */
	Admin admin(String token) {
		return new Admin(this, "Bearer " + token);
	}

	record Response(int status, HttpHeaders headers, String body) {

		String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		@Override
		public String toString() {
			return this.status + " " + this.headers.map() + " " + this.body;
		}

	}

	record Admin(GatewayHttp http, String authorization) {

		JsonNode rule(String id) {
			Response response = this.http.get("/admin/api/rules/" + id, "Authorization", this.authorization);
			if (response.status() != 200) {
				throw new IllegalStateException("GET rule " + id + ": " + response);
			}
			return response.json();
		}

		/** Sets the mode of a rule, based on the version it has now. */
		JsonNode mode(String id, String mode, String reason) {
			long version = rule(id).get("version").asLong();
			Response response = patch(id, Map.of("mode", mode, "reason", reason, "version", version));
			if (response.status() != 200) {
				throw new IllegalStateException("PATCH rule " + id + " to " + mode + ": " + response);
			}
			return response.json();
		}

		Response patch(String id, Map<String, Object> changes) {
			return this.http.send("PATCH", "/admin/api/rules/" + id, changes, "Authorization", this.authorization);
		}

		/** Holds the rule's writes on every gateway instance for at most {@code millis}. */
		Response hold(String id, long millis, String reason) {
			return this.http.send("POST", "/admin/api/rules/" + id + "/write-hold",
					Map.of("maxHoldMillis", millis, "reason", reason), "Authorization", this.authorization);
		}

		/** Releases the rule's writes, setting its mode in the same step. */
		Response release(String id, String mode, long version, String reason) {
			return this.http.send("DELETE", "/admin/api/rules/" + id + "/write-hold?mode=" + mode + "&version="
					+ version + "&reason=" + java.net.URLEncoder.encode(reason, java.nio.charset.StandardCharsets.UTF_8),
					null, "Authorization", this.authorization);
		}

		JsonNode history(String id) {
			return this.http.get("/admin/api/rules/" + id + "/history", "Authorization", this.authorization).json();
		}

	}

}
