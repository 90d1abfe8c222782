package com.figmart.platform.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the registry lists, read through Eureka's REST API as any client reads it. */
final class RegistryView {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final URI registry;

	RegistryView(URI registry) {
		this.registry = registry;
	}

	/** The instances of an app, by instance id, with their status (UP, DOWN, STARTING...). */
	Map<String, String> instances(String app) {
		HttpRequest request = HttpRequest.newBuilder(this.registry.resolve("/eureka/apps/" + app.toUpperCase(Locale.ROOT)))
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 404) {
				return Map.of();
			}
			if (response.statusCode() != 200) {
				throw new IllegalStateException("GET " + request.uri() + ": " + response.statusCode() + " " + response.body());
			}
			Map<String, String> instances = new TreeMap<>();
			for (JsonNode instance : list(JSON.readTree(response.body()).path("application").path("instance"))) {
				instances.put(instance.path("instanceId").asString(), instance.path("status").asString());
			}
			return instances;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Eureka's JSON gives one instance as an object and several as an array. */
	private static List<JsonNode> list(JsonNode node) {
		List<JsonNode> nodes = new ArrayList<>();
		if (node.isArray()) {
			node.forEach(nodes::add);
		}
		else if (node.isObject()) {
			nodes.add(node);
		}
		return nodes;
	}

}
