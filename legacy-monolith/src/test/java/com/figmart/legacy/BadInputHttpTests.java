package com.figmart.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Bad input never yields a 500: each case gets the right 4xx with an RFC 9457 problem body naming
 * the field or the reason, and nothing is written.
 */
@MonolithHttpTest
class BadInputHttpTests {

	@LocalServerPort
	int port;

	final JdbcClient jdbc;
	HttpClient http;

	BadInputHttpTests(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@BeforeEach
	void client() {
		http = new HttpClient(port);
	}

	@Test
	void malformedJsonIsABadRequest() {
		var response = http.post("/api/customers", "{\"email\": ");

		assertProblem(response, HttpStatus.BAD_REQUEST, "malformed-request");
	}

	@Test
	void missingAndInvalidFieldsAreNamed() {
		var response = http.post("/api/customers", Map.of("email", "not-an-address", "region", "EU"));

		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-fields");
		assertThat(fields(response)).containsExactlyInAnyOrder("email", "name");
	}

	@Test
	void aValueOfTheWrongTypeNamesItsField() {
		var response = http.post("/api/customers", Map.of("email", "a@example.com", "name", "A", "region", "MOON"));

		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-field");
		assertThat(fields(response)).containsExactly("region");
		assertThat(response.getBody().get("detail").asString())
				.isEqualTo("Field 'region' is invalid: 'MOON' is not one of [EU, NA, LATAM, APAC, MEA]");
	}

	@Test
	void anIdOfTheWrongShapeInTheBodySaysWhatWasExpected() {
		var response = http.post("/api/carts", Map.of("customerId", "not-a-uuid"));

		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-field");
		assertThat(response.getBody().get("detail").asString())
				.isEqualTo("Field 'customerId' is invalid: 'not-a-uuid' is not a valid UUID");
	}

	@Test
	void nestedFieldsAreNamedWithTheirPath() {
		var response = http.post("/api/catalog/products", Map.of("sku", "BAD-PRICE", "name", "Bad", "category", "misc",
				"price", Map.of("amount", "-1.999", "currency", "euro")));

		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-fields");
		assertThat(fields(response)).contains("price.amount", "price.currency");
		assertThat(http.get("/api/catalog/products/BAD-PRICE").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void anUnknownCurrencyIsRefused() {
		var response = http.post("/api/catalog/products", Map.of("sku", "BAD-CURR", "name", "Bad", "category", "misc",
				"price", Map.of("amount", "1.00", "currency", "XYZ")));

		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-fields");
		assertThat(fields(response)).containsExactly("price.validForCurrency");
	}

	@Test
	void unknownIdsAreNotFound() {
		assertProblem(http.get("/api/orders/" + UUID.randomUUID()), HttpStatus.NOT_FOUND, "order-not-found");
		assertProblem(http.get("/api/customers/" + UUID.randomUUID()), HttpStatus.NOT_FOUND, "customer-not-found");
		assertProblem(http.get("/api/catalog/products/NO-SUCH-SKU"), HttpStatus.NOT_FOUND, "product-not-found");
		assertProblem(http.get("/api/carts/" + UUID.randomUUID()), HttpStatus.NOT_FOUND, "cart-not-found");
	}

	@Test
	void anIdThatIsNotAUuidNamesTheParameter() {
		var response = http.get("/api/orders/42");

		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-parameter");
		assertThat(response.getBody().get("parameter").asString()).isEqualTo("id");
	}

	@Test
	void aDuplicateEmailIsAConflictAndWritesNothing() {
		var email = "twice-" + UUID.randomUUID() + "@example.com";
		http.registerCustomer(email);

		var response = http.post("/api/customers", Map.of("email", email.toUpperCase(), "name", "Again", "region", "EU"));

		assertProblem(response, HttpStatus.CONFLICT, "email-taken");
		assertThat(jdbc.sql("select count(*) from users.customers where email = ?").param(email).query(Long.class).single())
				.isEqualTo(1);
	}

	@Test
	void theWrongContentTypeIsUnsupported() {
		var response = http.send(HttpMethod.POST, "/api/customers", "email=a@example.com",
				headers -> headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void orderingUnknownProductsIsUnprocessableAndWritesNoOrder() {
		var customer = http.registerCustomer("unknown-sku-" + UUID.randomUUID() + "@example.com");
		var orders = jdbc.sql("select count(*) from orders.orders").query(Long.class).single();

		var response = http.post("/api/orders", Map.of("customerId", customer,
				"lines", List.of(Map.of("sku", "MUG-FIG", "quantity", 1), Map.of("sku", "NOT-SOLD", "quantity", 1)),
				"paymentToken", "tok_visa"), headers -> headers.set("Idempotency-Key", UUID.randomUUID().toString()));

		assertProblem(response, HttpStatus.UNPROCESSABLE_CONTENT, "products-unavailable");
		assertThat(response.getBody().get("skus").get(0).asString()).isEqualTo("NOT-SOLD");
		assertThat(jdbc.sql("select count(*) from orders.orders").query(Long.class).single()).isEqualTo(orders);
	}

	@Test
	void orderLinesAreValidatedOneByOne() {
		var response = http.post("/api/orders", Map.of("customerId", UUID.randomUUID(),
				"lines", List.of(Map.of("sku", "MUG-FIG", "quantity", 0)), "paymentToken", ""));

		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-fields");
		assertThat(fields(response)).containsExactlyInAnyOrder("lines[0].quantity", "paymentToken");
	}

	@Test
	void aMalformedIdempotencyKeyIsNamedAsTheHeaderAtFault() {
		var response = http.post("/api/orders", Map.of("customerId", UUID.randomUUID(),
				"lines", List.of(Map.of("sku", "MUG-FIG", "quantity", 1)), "paymentToken", "tok_visa"),
				headers -> headers.set("Idempotency-Key", "has spaces in it"));

		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-fields");
		assertThat(fields(response)).containsExactly("Idempotency-Key");
	}

	@Test
	void anUnknownCustomerCannotOrder() {
		var response = http.post("/api/orders", Map.of("customerId", UUID.randomUUID(),
				"lines", List.of(Map.of("sku", "MUG-FIG", "quantity", 1)), "paymentToken", "tok_visa"));

		assertProblem(response, HttpStatus.UNPROCESSABLE_CONTENT, "unknown-customer");
	}

	@Test
	void sortingByAnUnknownPropertyIsABadRequest() {
		var response = http.get("/api/catalog/products?sort=password");

		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-parameter");
		assertThat(response.getBody().get("parameter").asString()).isEqualTo("sort");
	}

	@Test
	void anUnknownRouteIsNotFoundAsAProblem() {
		var response = http.get("/api/nothing-here");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void restockingNeedsAPositiveQuantity() {
		var response = http.post("/api/inventory/MUG-FIG/restock", Map.of("quantity", -5));

		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-fields");
		assertThat(fields(response)).containsExactly("quantity");
	}

	static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String type) {
		assertThat(response.getStatusCode()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().get("type").asString()).isEqualTo("https://figmart.dev/problems/" + type);
		assertThat(response.getBody().get("status").asInt()).isEqualTo(status.value());
		assertThat(response.getBody().get("detail").asString()).isNotBlank();
	}

	static List<String> fields(ResponseEntity<JsonNode> response) {
		return response.getBody().get("errors").valueStream().map(error -> error.get("field").asString()).toList();
	}

}
