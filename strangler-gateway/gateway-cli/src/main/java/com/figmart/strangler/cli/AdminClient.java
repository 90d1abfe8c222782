package com.figmart.strangler.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API over HTTP ({@code docs/gateway-admin-api.md}): one method per endpoint, answering the JSON body
 * of a 2xx, throwing {@link GatewayProblem} for any other status and {@link GatewayUnreachable} when no answer
 * comes.
 */
final class AdminClient {

	static final String API = "/admin/api";

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

	private final URI gateway;

	private final String token;

	/**
	 * @param gateway the gateway's base URL
	 * @param token a bearer token, or {@code null} to send none
	 */
	AdminClient(URI gateway, String token) {
		String base = gateway.toString();
		this.gateway = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
		this.token = token;
	}

	URI gateway() {
		return this.gateway;
	}

	/** {@code {"rules": [...]}}. */
	JsonNode listRules() {
		return send("GET", API + "/rules", null);
	}

	JsonNode getRule(String id) {
		return send("GET", rulePath(id), null);
	}

	JsonNode createRule(JsonNode rule) {
		return send("POST", API + "/rules", rule);
	}

	JsonNode replaceRule(String id, JsonNode rule) {
		return send("PUT", rulePath(id), rule);
	}

	JsonNode patchRule(String id, JsonNode changes) {
		return send("PATCH", rulePath(id), changes);
	}

	void deleteRule(String id, long version, String reason) {
		send("DELETE", rulePath(id) + "?version=" + version + "&reason=" + encode(reason), null);
	}

	/**
	 * Holds the rule's writes: {@code {"ruleId", "version", "heldSince", "heldUntil", "inFlightDrained", "inFlight",
	 * "waiting"}}.
	 *
	 * @param maxHold how long at most, or {@code null} for the gateway's ceiling
	 */
	JsonNode holdWrites(String id, Duration maxHold, String reason) {
		ObjectNode body = JSON.createObjectNode();
		if (maxHold != null) {
			body.put("maxHoldMillis", maxHold.toMillis());
		}
		if (reason != null) {
			body.put("reason", reason);
		}
		return send("POST", rulePath(id) + "/write-hold", body);
	}

	/**
	 * Releases the rule's writes, setting its mode in the same step when {@code mode} is given; answers the rule.
	 *
	 * @param mode the new mode, or {@code null} to keep it
	 * @param version the version a change of mode is based on, or {@code null} without a mode
	 */
	JsonNode releaseWrites(String id, String mode, Long version, String reason) {
		StringBuilder query = new StringBuilder();
		if (reason != null) {
			query.append("&reason=").append(encode(reason));
		}
		if (mode != null) {
			query.append("&mode=").append(encode(mode));
		}
		if (version != null) {
			query.append("&version=").append(version);
		}
		String path = rulePath(id) + "/write-hold" + ((query.length() > 0) ? "?" + query.substring(1) : "");
		return send("DELETE", path, null);
	}

	/** {@code {"changes": [...]}}, newest first. */
	JsonNode ruleHistory(String id) {
		return send("GET", rulePath(id) + "/history", null);
	}

	/** {@code {"changes": [...]}}, newest first. */
	JsonNode history(int limit) {
		return send("GET", API + "/history?limit=" + limit, null);
	}

	/** {@code {"rules": [summary, ...]}}. */
	JsonNode shadow() {
		return send("GET", API + "/shadow", null);
	}

	/** {@code {"summary": ..., "mismatches": [...], "noise": [...]}}. */
	JsonNode shadowReport(String ruleId) {
		return send("GET", API + "/shadow/" + pathSegment(ruleId), null);
	}

	void resetShadow(String ruleId) {
		send("DELETE", API + "/shadow/" + pathSegment(ruleId), null);
	}

	private static String rulePath(String id) {
		return API + "/rules/" + pathSegment(id);
	}

	private static String pathSegment(String value) {
		return encode(value).replace("+", "%20");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private JsonNode send(String method, String path, JsonNode body) {
		URI uri = URI.create(this.gateway + path);
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(REQUEST_TIMEOUT)
			.header("Accept", "application/json, application/problem+json")
			.header("User-Agent", "figmart-gateway-cli");
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
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
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new GatewayUnreachable(this.gateway, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new GatewayUnreachable(this.gateway, ex);
		}
		JsonNode json = parse(response.body());
		if (response.statusCode() / 100 != 2) {
			throw new GatewayProblem(method + " " + path, response.statusCode(), json, response.body());
		}
		if (json == null && response.statusCode() != 204 && !response.body().isBlank()) {
			throw new GatewayProblem(method + " " + path, response.statusCode(), null, response.body());
		}
		return json;
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

	/** An answer other than 2xx, with its problem body when it has one. */
	static final class GatewayProblem extends RuntimeException {

		private final int status;

		private final JsonNode body;

		private final String rawBody;

		GatewayProblem(String request, int status, JsonNode body, String rawBody) {
			super(request + " answered " + status);
			this.status = status;
			this.body = (body != null && body.isObject()) ? body : null;
			this.rawBody = (rawBody != null) ? rawBody : "";
		}

		int status() {
			return this.status;
		}

		/** The problem body; {@code null} if the answer had no JSON object as its body. */
		JsonNode body() {
			return this.body;
		}

		String rawBody() {
			return this.rawBody;
		}

	}

	/** No answer: the connection was refused, the host is unknown, or the gateway took too long. */
	static final class GatewayUnreachable extends RuntimeException {

		GatewayUnreachable(URI gateway, Exception cause) {
			super("cannot reach the gateway at " + gateway + ": " + describe(cause), cause);
		}

		private static String describe(Exception cause) {
			if (cause instanceof HttpConnectTimeoutException) {
				return "no connection within " + CONNECT_TIMEOUT.toSeconds() + "s";
			}
			if (cause instanceof HttpTimeoutException) {
				return "no answer within " + REQUEST_TIMEOUT.toSeconds() + "s";
			}
			if (cause instanceof InterruptedException) {
				return "interrupted";
			}
			for (Throwable reason = cause; reason != null; reason = reason.getCause()) {
				if (reason instanceof UnresolvedAddressException
						|| reason instanceof UnknownHostException) {
					return "unknown host";
				}
			}
			if (cause instanceof ConnectException) {
				return "connection refused";
			}
			String message = cause.getMessage();
			return cause.getClass().getSimpleName() + ((message == null || message.isBlank()) ? "" : " (" + message + ")");
		}

	}

}
