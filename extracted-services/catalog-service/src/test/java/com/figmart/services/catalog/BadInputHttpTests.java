package com.figmart.services.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;

/** Bad input never yields a 500: the right 4xx with an RFC 9457 body naming the field or the reason, as the monolith does. */
@CatalogServiceHttpTest
class BadInputHttpTests {

	@LocalServerPort
	int port;

	HttpClient http;

	@BeforeEach
	void client() {
		http = new HttpClient(port);
	}

	@Test
	void missingAndInvalidFieldsAreNamedWithTheirPath() {
		var response = http.post("/api/catalog/products", Map.of("sku", "BAD-PRICE", "category", "misc",
				"price", Map.of("amount", "-1.999", "currency", "euro")));

		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-fields");
		assertThat(fields(response)).containsExactly("name", "price.amount", "price.amount", "price.currency");
		assertThat(http.get("/api/catalog/products/BAD-PRICE").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void anUnknownCurrencyOrTooManyDecimalsForItAreRefused() {
		var unknown = http.post("/api/catalog/products", Map.of("sku", "BAD-CURR", "name", "Bad", "category", "misc",
				"price", Map.of("amount", "1.00", "currency", "XYZ")));
		var yenCents = http.post("/api/catalog/products", Map.of("sku", "BAD-YEN", "name", "Bad", "category", "misc",
				"price", Map.of("amount", "1.50", "currency", "JPY")));

		assertProblem(unknown, HttpStatus.BAD_REQUEST, "invalid-fields");
		assertThat(fields(unknown)).containsExactly("price.validForCurrency");
		assertThat(fields(yenCents)).containsExactly("price.validForCurrency");
	}

	@Test
	void aRevisionIsValidatedLikeANewProduct() {
		var response = http.put("/api/catalog/products/ANY-SKU", Map.of("name", "", "category", "Not A Slug"));

		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-fields");
		assertThat(fields(response)).containsExactly("category", "name", "price");
	}

	@Test
	void malformedJsonIsABadRequest() {
		assertProblem(http.post("/api/catalog/products", "{\"sku\": "), HttpStatus.BAD_REQUEST, "malformed-request");
	}

	@Test
	void aValueOfTheWrongTypeNamesItsField() {
		var response = http.post("/api/catalog/products", Map.of("sku", "TYPE-1", "name", "x", "category", "misc",
				"price", Map.of("amount", "abc", "currency", "EUR")));

		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-field");
		assertThat(response.getBody().get("detail").asString())
				.isEqualTo("Field 'price.amount' is invalid: 'abc' is not a valid BigDecimal");
	}

	@Test
	void parametersOfTheWrongShapeAreNamed() {
		var sku = http.get("/api/catalog/products/x");
		var active = http.get("/api/catalog/products?active=maybe");

		assertProblem(sku, HttpStatus.BAD_REQUEST, "invalid-parameter");
		assertThat(sku.getBody().get("parameter").asString()).isEqualTo("sku");
		assertThat(sku.getBody().get("detail").asString()).isEqualTo("Parameter 'sku' must be a Sku, not 'x'");
		assertProblem(active, HttpStatus.BAD_REQUEST, "invalid-parameter");
		assertThat(active.getBody().get("parameter").asString()).isEqualTo("active");
	}

	@Test
	void theWrongContentTypeAndUnknownRoutesAreProblemsToo() {
		var form = http.send(HttpMethod.POST, "/api/catalog/products", "sku=X",
				headers -> headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED));
		var nowhere = http.get("/api/catalog/nothing-here");
		var delete = http.send(HttpMethod.DELETE, "/api/catalog/products/ANY-SKU", "", headers -> {
		});

		for (var response : List.of(form, nowhere, delete)) {
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		assertThat(form.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(nowhere.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(delete.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
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
