package com.figmart.migration.rehearsal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Storefront traffic through one base URL: browsing threads that read the catalog, and a shopper that plays
 * numbered rounds one after the other, each placing an order and revising a product (every tenth also adding
 * one). A round does the same thing wherever it is played, so the rounds played against the migrating topology
 * can be replayed against the monolith alone and the business results compared.
 *
 * <p>Browsing reads only products that no round writes: while the CDC bridge lags behind a write, the monolith
 * and catalog-service answer differently for that product, and the shadow comparison would rightly count it.
 * The writes are checked separately, on both sides, once the traffic has stopped.
 */
final class Storefront {

	/** Bought in the rounds; their catalog rows never change, so they are what browsing reads. */
	static final List<String> ORDERED = List.of("BOOK-DDD", "BOOK-REFACTOR", "BOOK-MSP", "MUG-FIG", "KETTLE-1L", "LAMP-DESK",
			"CABLE-USBC", "HEADPH-NC");

	static final List<String> BROWSED_CATEGORIES = List.of("books", "kitchen", "home", "electronics");

	/** Revised in the rounds; never read while the traffic runs. */
	static final List<String> REVISED = List.of("PLANT-FIG", "SHEARS-01", "TEE-LOGO", "CAP-LOGO");

	private static final JsonMapper JSON = JsonMapper.shared();

	private final String base;

	private final Supplier<String> customerToken;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final AtomicBoolean running = new AtomicBoolean();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong maxWriteHeldMillis = new AtomicLong();

	private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

	private final List<String> outcomes = Collections.synchronizedList(new ArrayList<>());

	private final List<String> orderIds = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, JsonNode> revisable = new LinkedHashMap<>();

	private final List<String> customers = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	/**
	 * @param customerToken a bearer token with the customer role, for what the gateway lets only customers do
	 *     (orders); {@code null} tokens are not sent
	 */
	Storefront(String base, Supplier<String> customerToken) {
		this.base = base;
		this.customerToken = customerToken;
	}

	/** Registers the shoppers and reads the products the rounds revise; not counted as traffic. */
	Storefront prepare() {
		for (int i = 0; i < 3; i++) {
			JsonNode customer = send("POST", "/api/customers",
					"{\"email\":\"shopper" + i + "@example.com\",\"name\":\"Shopper " + i + "\",\"region\":\"EU\"}", null);
			this.customers.add(customer.get("id").asString());
		}
		for (String sku : REVISED) {
			this.revisable.put(sku, send("GET", "/api/catalog/products/" + sku, null, null));
		}
		return this;
	}

	void start(int browsers, Duration roundPause) {
		this.running.set(true);
		for (int b = 0; b < browsers; b++) {
			int browser = b;
			this.threads.add(started(new Thread(() -> browse(browser), "browser-" + b)));
		}
		this.threads.add(started(new Thread(() -> {
			for (int round = 0; this.running.get(); round++) {
				this.outcomes.add(playRound(round));
				pause(roundPause);
			}
		}, "shopper")));
	}

	/** Stops the traffic after the round under way and answers how many rounds were played. */
	int stop() throws InterruptedException {
		this.running.set(false);
		for (Thread thread : this.threads) {
			thread.join(30_000);
		}
		return this.outcomes.size();
	}

	/** Plays the rounds 0 to {@code rounds - 1} one after the other, with no browsing. */
	List<String> replay(int rounds) {
		for (int round = 0; round < rounds; round++) {
			this.outcomes.add(playRound(round));
		}
		return outcomes();
	}

	/** Per round, what the order became and the product that was revised, in round order. */
	List<String> outcomes() {
		return List.copyOf(this.outcomes);
	}

	/** The ids of the orders placed, in the order they were placed. */
	List<String> orderIds() {
		return List.copyOf(this.orderIds);
	}

	List<String> failures() {
		return List.copyOf(this.failures);
	}

	long requests() {
		return this.requests.get();
	}

	long maxWriteHeldMillis() {
		return this.maxWriteHeldMillis.get();
	}

	/** What a product's description must be after {@code rounds} rounds. */
	static String lastDescription(String sku, int rounds) {
		int index = REVISED.indexOf(sku);
		int last = -1;
		for (int round = 0; round < rounds; round++) {
			if (round % REVISED.size() == index) {
				last = round;
			}
		}
		return (last < 0) ? null : description(last);
	}

	private String playRound(int round) {
		String sku = ORDERED.get(round % ORDERED.size());
		String token = (round % 7 == 6) ? "tok_declined" : "tok_visa";
		JsonNode order = send("POST", "/api/orders", "{\"customerId\":\"" + this.customers.get(round % 3) + "\",\"lines\":[{\"sku\":\""
				+ sku + "\",\"quantity\":1}],\"paymentToken\":\"" + token + "\"}", "round-" + round);
		if (order != null) {
			this.orderIds.add(order.get("id").asString());
		}
		String revised = REVISED.get(round % REVISED.size());
		JsonNode product = this.revisable.get(revised);
		send("PUT", "/api/catalog/products/" + revised, "{\"name\":" + product.get("name") + ",\"description\":\""
				+ description(round) + "\",\"price\":" + product.get("price") + ",\"category\":" + product.get("category") + "}", null);
		if (round % 10 == 0) {
			send("POST", "/api/catalog/products", "{\"sku\":\"NEW-" + round + "\",\"name\":\"New product " + round
					+ "\",\"description\":\"added in round " + round + "\",\"price\":{\"amount\":\"5.00\",\"currency\":\"EUR\"},"
					+ "\"category\":\"misc\"}", null);
		}
		return round + ": order " + ((order == null) ? "failed" : order.path("status").asString()) + ", revised " + revised;
	}

	private void browse(int browser) {
		for (int i = browser; this.running.get(); i++) {
			switch (i % 3) {
				case 0 -> send("GET", "/api/catalog/products/" + ORDERED.get(i % ORDERED.size()), null, null);
				case 1 -> send("GET", "/api/catalog/products?category=" + BROWSED_CATEGORIES.get(i % BROWSED_CATEGORIES.size()), null, null);
				default -> send("GET", "/api/catalog/products?category=books&sort=price,desc&size=2&page=" + (i % 2), null, null);
			}
			pause(Duration.ofMillis(15));
		}
	}

	private static String description(int round) {
		return "Revised in round " + round;
	}

	private JsonNode send(String method, String path, String body, String idempotencyKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(20))
			.header("Accept", "application/json");
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		String token = this.customerToken.get();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		request.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		this.requests.incrementAndGet();
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			response.headers().firstValue("X-Figmart-Write-Held")
				.ifPresent((held) -> this.maxWriteHeldMillis.accumulateAndGet(Long.parseLong(held), Math::max));
			if (response.statusCode() / 100 != 2) {
				this.failures.add(method + " " + path + " -> " + response.statusCode() + " " + response.body());
				return null;
			}
			return response.body().isBlank() ? null : JSON.readTree(response.body());
		}
		catch (IOException ex) {
			this.failures.add(method + " " + path + " -> " + ex);
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static Thread started(Thread thread) {
		thread.start();
		return thread;
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
