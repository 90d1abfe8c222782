package com.figmart.services.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Adding and revising products: the document as stored, the revision that every change moves on,
 * and the conflicts that keep two writers from overwriting each other.
 */
@CatalogServiceHttpTest
class ProductRevisionHttpTests {

	@LocalServerPort
	int port;

	final JdbcClient jdbc;
	final Products products;
	HttpClient http;

	ProductRevisionHttpTests(JdbcClient jdbc, Products products) {
		this.jdbc = jdbc;
		this.products = products;
	}

	@BeforeEach
	void client() {
		http = new HttpClient(port);
	}

	@Test
	void aNewProductIsStoredAsADocumentAtRevisionZero() {
		var sku = HttpClient.uniqueSku("DOC");

		var response = http.post("/api/catalog/products", Map.of("sku", sku.toLowerCase(), "name", "Notebook",
				"description", "A5, dotted", "price", Map.of("amount", 7, "currency", "EUR"), "category", "stationery",
				"attributes", Map.of("pages", 120, "paper", "recycled")));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getHeaders().getLocation()).hasPath("/api/catalog/products/" + sku);
		assertThat(response.getHeaders().getETag()).isEqualTo("\"0\"");
		assertThat(response.getBody().get("price").get("amount").decimalValue()).isEqualByComparingTo("7.00");
		assertThat(response.getBody().get("attributes").get("pages").asInt()).isEqualTo(120);
		var row = jdbc.sql("select title, revision, listed, details ->> 'description' as description, "
				+ "details ->> 'category' as category, details #>> '{attributes,paper}' as paper from catalog.products where sku = ?")
				.param(sku).query().singleRow();
		assertThat(row).containsEntry("title", "Notebook").containsEntry("revision", 0L).containsEntry("listed", true)
				.containsEntry("description", "A5, dotted").containsEntry("category", "stationery")
				.containsEntry("paper", "recycled");
	}

	@Test
	void everyRevisionMovesTheRevisionOn() {
		var sku = HttpClient.uniqueSku("REV");
		http.create(sku, "Kettle", "Steel", "39.00", "kitchen");

		var first = http.put("/api/catalog/products/" + sku, revision("35.00", true));
		var second = http.put("/api/catalog/products/" + sku, revision("35.00", false));

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(first.getHeaders().getETag()).isEqualTo("\"1\"");
		assertThat(second.getHeaders().getETag()).isEqualTo("\"2\"");
		assertThat(second.getBody().get("active").asBoolean()).isFalse();
		assertThat(http.get("/api/catalog/products/" + sku).getHeaders().getETag()).isEqualTo("\"2\"");
		assertThat(jdbc.sql("select revision from catalog.products where sku = ?").param(sku).query(Long.class).single())
				.isEqualTo(2);
	}

	@Test
	void aRevisionOfAStaleCopyIsRefusedAndChangesNothing() {
		var sku = HttpClient.uniqueSku("STALE");
		http.create(sku, "Kettle", "Steel", "39.00", "kitchen");
		http.put("/api/catalog/products/" + sku, revision("35.00", true));

		var stale = http.send(HttpMethod.PUT, "/api/catalog/products/" + sku, revision("1.00", true),
				headers -> headers.setIfMatch("\"0\""));
		var current = http.send(HttpMethod.PUT, "/api/catalog/products/" + sku, revision("30.00", true),
				headers -> headers.set(HttpHeaders.IF_MATCH, "\"1\""));

		assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
		assertThat(stale.getBody().get("type").asString()).isEqualTo("https://figmart.dev/problems/revision-mismatch");
		assertThat(stale.getBody().get("revision").asLong()).isEqualTo(1);
		assertThat(current.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(current.getBody().get("price").get("amount").decimalValue()).isEqualByComparingTo("30.00");
	}

	@Test
	void twoRevisionsOfTheSameRevisionCannotBothBeWritten() {
		var sku = Sku.of(HttpClient.uniqueSku("RACE"));
		http.create(sku.value(), "Kettle", "Steel", "39.00", "kitchen");
		var read = products.find(sku).orElseThrow();
		var content = new ProductContent("Kettle", "Steel", new Price(new java.math.BigDecimal("1.00"), "EUR"), "kitchen",
				true, null);

		products.update(read.revise(content, Instant.now()));

		assertThatExceptionOfType(OptimisticLockingFailureException.class)
				.isThrownBy(() -> products.update(read.revise(content, Instant.now())));
		assertThat(products.find(sku).orElseThrow().revision()).isEqualTo(1);
	}

	@Test
	void aRevisionWithoutAttributesKeepsThemAndKeysOfOtherWriters() {
		var sku = HttpClient.uniqueSku("KEEP");
		http.post("/api/catalog/products", Map.of("sku", sku, "name", "Poster", "price",
				Map.of("amount", "5.00", "currency", "EUR"), "category", "posters", "attributes", Map.of("size", "A2")));
		jdbc.sql("update catalog.products set details = details || '{\"legacyNote\": \"from the monolith\"}' where sku = ?")
				.param(sku).update();

		var response = http.put("/api/catalog/products/" + sku, Map.of("name", "Poster", "description", "Matte",
				"price", Map.of("amount", "6.00", "currency", "EUR"), "category", "posters"));

		assertThat(response.getBody().get("attributes").get("size").asString()).isEqualTo("A2");
		assertThat(jdbc.sql("select details ->> 'legacyNote' from catalog.products where sku = ?").param(sku)
				.query(String.class).single()).isEqualTo("from the monolith");
	}

	@Test
	void aTakenSkuIsAConflictWhateverItsCase() {
		var sku = HttpClient.uniqueSku("TWICE");
		http.create(sku, "First", "", "1.00", "misc");

		var response = http.create(sku.toLowerCase(), "Second", "", "2.00", "misc");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(response.getBody().get("type").asString()).isEqualTo("https://figmart.dev/problems/sku-taken");
		assertThat(response.getBody().get("sku").asString()).isEqualTo(sku);
		assertThat(http.get("/api/catalog/products/" + sku).getBody().get("name").asString()).isEqualTo("First");
	}

	@Test
	void revisingAnUnknownProductIsNotFound() {
		var response = http.put("/api/catalog/products/NO-SUCH-THING", revision("1.00", true));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getBody().get("type").asString()).isEqualTo("https://figmart.dev/problems/product-not-found");
		assertThat(response.getBody().get("sku").asString()).isEqualTo("NO-SUCH-THING");
	}

	@Test
	void pricesKeepTheDecimalsOfTheirCurrency() {
		var sku = HttpClient.uniqueSku("YEN");
		var response = http.post("/api/catalog/products", Map.of("sku", sku, "name", "Tenugui", "price",
				Map.of("amount", "1200", "currency", "JPY"), "category", "textiles"));

		assertThat(response.getBody().get("price").get("amount").decimalValue().scale()).isZero();
		assertThat(http.get("/api/catalog/products/" + sku).getBody().get("price").get("amount").decimalValue().scale())
				.isZero();
	}

	private static Map<String, Object> revision(String price, boolean active) {
		return Map.of("name", "Kettle", "description", "Steel", "price", Map.of("amount", price, "currency", "EUR"),
				"category", "kitchen", "active", active);
	}
}
