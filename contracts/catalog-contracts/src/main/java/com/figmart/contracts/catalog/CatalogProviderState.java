package com.figmart.contracts.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The catalog the contracts assume: the twelve products of the demo catalog, all listed, in EUR
 * ({@code provider-state/catalog/products.jsonl}, one create request per line).
 * <p>
 * A provider empties its own product table before each contract test (that part is the provider's:
 * only it knows its storage) and then calls {@link #seed(URI)}, which adds the products through the
 * public API itself, so the state means the same on every provider.
 */
public final class CatalogProviderState {

	private static final String PRODUCTS = "/provider-state/catalog/products.jsonl";

	private CatalogProviderState() {
	}

	/** The create requests of the seed products, as JSON documents. */
	public static List<String> products() {
		try (var in = Objects.requireNonNull(CatalogProviderState.class.getResourceAsStream(PRODUCTS), PRODUCTS);
				var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			return reader.lines().filter(line -> !line.isBlank()).toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Adds the seed products through {@code POST /api/catalog/products}; fails unless each is created. */
	public static void seed(URI base) {
		var client = HttpClient.newHttpClient();
		for (var product : products()) {
			var request = HttpRequest.newBuilder(base.resolve("/api/catalog/products"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(product)).build();
			try {
				var response = client.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 201) {
					throw new IllegalStateException("Could not seed " + product + ": " + response.statusCode() + " "
							+ response.body());
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
	}
}
