package com.figmart.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

import tools.jackson.databind.JsonNode;

/**
 * Checkout over HTTP against the whole application on PostgreSQL: the happy path through a cart,
 * the declined payment, the missing stock, cancellation, and the Idempotency-Key.
 */
@MonolithHttpTest
class CheckoutHttpTests {

	@LocalServerPort
	int port;

	HttpClient http;
	String customer;

	@BeforeEach
	void customer() {
		http = new HttpClient(port);
		customer = http.registerCustomer("buyer-" + UUID.randomUUID() + "@example.com");
	}

	@Test
	void aCheckoutThroughACartConfirmsCommitsStockCapturesPaymentAndShips() {
		var stockBefore = available("BOOK-DDD");
		var cart = http.post("/api/carts", Map.of("customerId", customer)).getBody().get("id").asString();
		http.put("/api/carts/" + cart + "/items/BOOK-DDD", Map.of("quantity", 2));
		http.put("/api/carts/" + cart + "/items/MUG-FIG", Map.of("quantity", 1));

		var checkout = http.post("/api/carts/" + cart + "/checkout", Map.of("paymentToken", "tok_visa"),
				headers -> headers.set("Idempotency-Key", UUID.randomUUID().toString()));

		assertThat(checkout.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		var order = checkout.getBody();
		assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(order.get("total").get("amount").decimalValue()).isEqualByComparingTo("121.80");
		var orderId = order.get("id").asString();
		assertThat(checkout.getHeaders().getLocation()).hasPath("/api/orders/" + orderId);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(available("BOOK-DDD")).isEqualTo(stockBefore - 2);
			assertThat(http.get("/api/payments/" + orderId).getBody().get("status").asString()).isEqualTo("CAPTURED");
			assertThat(http.get("/api/shipments?orderId=" + orderId).getStatusCode()).isEqualTo(HttpStatus.OK);
		});
		assertThat(http.get("/api/carts/" + cart).getBody().get("status").asString()).isEqualTo("CHECKED_OUT");

		var shipment = http.get("/api/shipments?orderId=" + orderId).getBody().get("id").asString();
		http.post("/api/shipments/" + shipment + "/status", Map.of("status", "DISPATCHED"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				http.get("/api/orders/" + orderId).getBody().get("status").asString()).isEqualTo("SHIPPED"));
	}

	@Test
	void aDeclinedPaymentRejectsTheOrderAndReturnsTheStock() {
		var stockBefore = available("LAMP-DESK");

		var order = placeOrder("LAMP-DESK", 1, "tok_declined").getBody();

		assertThat(order.get("status").asString()).isEqualTo("REJECTED");
		assertThat(order.get("rejectionReason").asString()).contains("payment declined");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			var stock = http.get("/api/inventory/LAMP-DESK").getBody();
			assertThat(stock.get("reserved").asInt()).isZero();
			assertThat(stock.get("available").asInt()).isEqualTo(stockBefore);
		});
		assertThat(http.get("/api/payments/" + order.get("id").asString()).getBody().get("status").asString())
				.isEqualTo("DECLINED");
	}

	@Test
	void missingStockRejectsTheOrderWithoutCharging() {
		var order = placeOrder("HEADPH-NC", 1000, "tok_visa").getBody();

		assertThat(order.get("status").asString()).isEqualTo("REJECTED");
		assertThat(order.get("rejectionReason").asString()).isEqualTo("insufficient stock for HEADPH-NC");
		assertThat(http.get("/api/payments/" + order.get("id").asString()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void cancellingAConfirmedOrderRefundsAndRestocks() {
		var stockBefore = available("CAP-LOGO");
		var orderId = placeOrder("CAP-LOGO", 3, "tok_visa").getBody().get("id").asString();
		await().atMost(Duration.ofSeconds(10)).until(() -> "CAPTURED".equals(paymentStatus(orderId)));

		var cancelled = http.post("/api/orders/" + orderId + "/cancel", Map.of());

		assertThat(cancelled.getBody().get("status").asString()).isEqualTo("CANCELLED");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(paymentStatus(orderId)).isEqualTo("REFUNDED");
			assertThat(available("CAP-LOGO")).isEqualTo(stockBefore);
		});
		assertThat(http.post("/api/orders/" + orderId + "/cancel", Map.of()).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void repeatingARequestWithItsIdempotencyKeyReturnsTheSameOrder() {
		var key = UUID.randomUUID().toString();
		var body = Map.of("customerId", customer, "lines", List.of(Map.of("sku", "TEE-LOGO", "quantity", 1)),
				"paymentToken", "tok_visa");

		var first = http.post("/api/orders", body, headers -> headers.set("Idempotency-Key", key));
		var again = http.post("/api/orders", body, headers -> headers.set("Idempotency-Key", key));
		var other = http.post("/api/orders", Map.of("customerId", customer,
				"lines", List.of(Map.of("sku", "TEE-LOGO", "quantity", 2)), "paymentToken", "tok_visa"),
				headers -> headers.set("Idempotency-Key", key));

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(again.getBody().get("id")).isEqualTo(first.getBody().get("id"));
		assertThat(other.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(other.getBody().get("type").asString()).endsWith("/idempotency-key-reused");
	}

	@Test
	void salesOfConfirmedOrdersReachTheAnalytics() {
		var before = revenueOf("SHEARS-01");

		placeOrder("SHEARS-01", 2, "tok_visa");

		await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(revenueOf("SHEARS-01")).isEqualTo(before + 37.00));
	}

	private org.springframework.http.ResponseEntity<JsonNode> placeOrder(String sku, int quantity, String token) {
		return http.post("/api/orders", Map.of("customerId", customer,
				"lines", List.of(Map.of("sku", sku, "quantity", quantity)), "paymentToken", token));
	}

	private int available(String sku) {
		return http.get("/api/inventory/" + sku).getBody().get("available").asInt();
	}

	private String paymentStatus(String orderId) {
		var payment = http.get("/api/payments/" + orderId).getBody();
		return payment.has("status") ? payment.get("status").asString() : "";
	}

	private double revenueOf(String sku) {
		for (var product : http.get("/api/analytics/sales/top-products?limit=100").getBody()) {
			if (product.get("sku").asString().equals(sku)) {
				return product.get("revenue").asDouble();
			}
		}
		return 0;
	}
}
