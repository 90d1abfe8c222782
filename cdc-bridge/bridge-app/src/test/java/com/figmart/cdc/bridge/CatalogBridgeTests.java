package com.figmart.cdc.bridge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.figmart.cdc.bridge.CatalogDatabases.count;
import static com.figmart.cdc.bridge.CatalogDatabases.execute;
import static com.figmart.cdc.bridge.CatalogDatabases.product;
import static com.figmart.cdc.bridge.CatalogDatabases.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bridge app with the catalog mapping of its application.yml, between the monolith's catalog table and
 * catalog-service's document table, both created by their real migrations; driven over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogBridgeTests {

	private static final CatalogDatabases databases = seeded();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	@Value("${local.server.port}")
	int port;

	private static CatalogDatabases seeded() {
		var created = new CatalogDatabases();
		execute(created.legacyUrl, product("MUG-FIG", "Fig mug", "12.50", "EUR") + ";"
				+ product("TEA-GREEN", "Green tea", "4.99", "EUR") + ";" + product("BOOK-DDD", "DDD", "45.00", "USD"));
		return created;
	}

	@DynamicPropertySource
	static void databases(DynamicPropertyRegistry registry) {
		registry.add("figmart.cdc.name", () -> "bridge_" + ProcessHandle.current().pid());
		registry.add("figmart.cdc.source.url", () -> databases.legacyUrl);
		registry.add("figmart.cdc.target.url", () -> databases.newUrl);
		registry.add("figmart.cdc.engine.heartbeat-interval", () -> "500ms");
		registry.add("figmart.cdc.engine.poll-interval", () -> "20ms");
		registry.add("figmart.cdc.engine.offset-flush-interval", () -> "200ms");
	}

	@Test
	@Order(1)
	void copiesTheExistingCatalogAndReportsTheSnapshotProgress() throws Exception {
		await().atMost(Duration.ofSeconds(60)).until(() -> count(databases.newUrl, "select count(*) from catalog.products") == 3);

		assertThat(query(databases.newUrl, """
				select title, details->>'description' as description, details->>'category' as category,
				       price::text as price, currency, listed, revision from catalog.products where sku = 'MUG-FIG'"""))
			.containsExactly(java.util.Map.of("title", "Fig mug", "description", "about Fig mug", "category", "mugs",
					"price", "12.50", "currency", "EUR", "listed", true, "revision", 0L));
		var forward = capture(get("/api/sync"), "FORWARD");
		assertThat(forward.get("applying").asBoolean()).isTrue();
		assertThat(forward.at("/status/snapshot/catalog.products/done").asLong()).isEqualTo(3);
		assertThat(forward.at("/status/snapshot/catalog.products/total").asLong()).isEqualTo(3);
		assertThat(forward.at("/slot/exists").asBoolean()).isTrue();
	}

	@Test
	@Order(2)
	void streamsInsertsUpdatesAndDeletesAndKeepsTheDocumentsOtherAttributes() throws Exception {
		execute(databases.newUrl, "update catalog.products set details = details || '{\"colour\": \"purple\"}' where sku = 'MUG-FIG'");
		int deadLettersBefore = deadLetters();

		execute(databases.legacyUrl, product("CUP-NEW", "New cup", "3.00", "EUR") + ";"
				+ "update catalog.products set name = 'Fig mug XL', price_amount = 14.00, version = version + 1 where sku = 'MUG-FIG';"
				+ "delete from catalog.products where sku = 'TEA-GREEN'");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(query(databases.newUrl,
				"select sku, title, price::text as price, revision from catalog.products order by sku"))
			.extracting(row -> row.get("sku") + ":" + row.get("title") + ":" + row.get("price") + ":" + row.get("revision"))
			.containsExactly("BOOK-DDD:DDD:45.00:0", "CUP-NEW:New cup:3.00:0", "MUG-FIG:Fig mug XL:14.00:1"));
		assertThat(query(databases.newUrl, "select details->>'colour' as colour from catalog.products where sku = 'MUG-FIG'"))
			.containsExactly(java.util.Map.of("colour", "purple"));
		// the direct edit on the new side is not the system of record's: it was dead-lettered, not applied back
		assertThat(deadLetters()).isEqualTo(deadLettersBefore + 1);
		assertThat(count(databases.legacyUrl, "select count(*) from cdc_bridge.dead_letter where reason = '"
				+ SyncBridge.NOT_SYSTEM_OF_RECORD + "'")).isEqualTo(1);
		execute(databases.legacyUrl, "delete from cdc_bridge.dead_letter");
	}

	@Test
	@Order(3)
	void rowsTheNewModelRefusesAreDeadLetteredNamedByParityAndTheBridgeGoesOn() throws Exception {
		execute(databases.legacyUrl, product("BAD-CUR", "Lower-case currency", "1.00", "eur") + ";"
				+ product("BAD-NAME", "", "1.00", "EUR"));
		execute(databases.legacyUrl, product("GOOD-AFTER", "Fine", "2.00", "EUR"));

		await().atMost(Duration.ofSeconds(30)).until(() -> count(databases.newUrl,
				"select count(*) from catalog.products where sku = 'GOOD-AFTER'") == 1);
		assertThat(query(databases.newUrl, "select row_key, reason from cdc_bridge.dead_letter where mapping = 'catalog-products' order by row_key"))
			.extracting(row -> row.get("row_key") + ":" + ((String) row.get("reason")).contains("products_currency_check")
					+ ":" + ((String) row.get("reason")).contains("products_title_check"))
			.containsExactly("BAD-CUR:true:false", "BAD-NAME:false:true");

		var parity = get("/api/parity");
		assertThat(parity.get("clean").asBoolean()).isFalse();
		var report = parity.get("mappings").get(0);
		assertThat(report.get("mapping").asString()).isEqualTo("catalog-products");
		assertThat(report.get("deadLettered").toString()).isEqualTo("[\"BAD-CUR\",\"BAD-NAME\"]");
		assertThat(report.get("missingOnTarget").size()).isZero();
		assertThat(report.get("different").size()).isZero();
		assertThat(report.get("extraOnTarget").size()).isZero();

		execute(databases.legacyUrl, "delete from catalog.products where sku like 'BAD-%'");
		await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/parity").get("clean").asBoolean());
		var clean = get("/api/parity").get("mappings").get(0);
		assertThat(clean.get("sourceRows").asLong()).isEqualTo(clean.get("targetRows").asLong()).isEqualTo(4);
		assertThat(clean.get("sourceChecksum").asString()).isEqualTo(clean.get("targetChecksum").asString());
	}

	@Test
	@Order(4)
	void afterASwitchToReverseAWriteOnTheNewSideReachesLegacyOnceAndNothingComesBack() throws Exception {
		assertThat(send("POST", "/api/sync/barrier", "").statusCode()).isEqualTo(200); // earlier changes all in
		var before = get("/api/sync");
		long forwardReceived = capture(before, "FORWARD").at("/status/received").asLong();
		long forwardEchoes = capture(before, "FORWARD").at("/status/echoesDropped").asLong();
		long reverseApplied = capture(before, "REVERSE").at("/status/applied").asLong();

		var switched = send("PUT", "/api/sync/direction", "{\"direction\":\"REVERSE\"}");
		assertThat(switched.statusCode()).isEqualTo(200);
		assertThat(json.readTree(switched.body()).get("direction").asString()).isEqualTo("REVERSE");
		assertThat(get("/api/sync/direction").get("direction").asString()).isEqualTo("REVERSE");

		execute(databases.newUrl, """
				insert into catalog.products (sku, title, details, price, currency, listed, created_at, updated_at, revision)
				values ('NEW-ONLY', 'Made in catalog-service', '{"description": "new", "category": "cups", "badge": "eco"}',
				        9.90, 'EUR', true, now(), now(), 1)""");
		send("POST", "/api/sync/barrier", "");
		await().atMost(Duration.ofSeconds(30)).until(() -> count(databases.legacyUrl,
				"select count(*) from catalog.products where sku = 'NEW-ONLY'") == 1);
		assertThat(query(databases.legacyUrl,
				"select name, description, category, price_amount::text as price, version from catalog.products where sku = 'NEW-ONLY'"))
			.containsExactly(java.util.Map.of("name", "Made in catalog-service", "description", "new", "category", "cups",
					"price", "9.90", "version", 1L));

		// the legacy write the bridge made comes back to the forward capture as an echo, and is dropped
		await().atMost(Duration.ofSeconds(30)).until(() -> capture(get("/api/sync"), "FORWARD").at("/status/echoesDropped").asLong() == forwardEchoes + 1);
		var after = get("/api/sync");
		assertThat(capture(after, "FORWARD").at("/status/received").asLong()).isEqualTo(forwardReceived + 1);
		assertThat(capture(after, "FORWARD").at("/status/applied").asLong())
			.isEqualTo(capture(before, "FORWARD").at("/status/applied").asLong());
		assertThat(capture(after, "REVERSE").at("/status/applied").asLong()).isEqualTo(reverseApplied + 1);
		assertThat(count(databases.newUrl, "select count(*) from catalog.products where sku = 'NEW-ONLY'")).isEqualTo(1);

		// while REVERSE, a legacy write is on the side that is not the system of record
		execute(databases.legacyUrl, product("LEGACY-LATE", "Too late", "1.00", "EUR"));
		send("POST", "/api/sync/barrier", "");
		await().atMost(Duration.ofSeconds(30)).until(() -> count(databases.newUrl,
				"select count(*) from cdc_bridge.dead_letter where row_key = 'LEGACY-LATE' and reason = '"
						+ SyncBridge.NOT_SYSTEM_OF_RECORD + "'") == 1);
		assertThat(count(databases.newUrl, "select count(*) from catalog.products where sku = 'LEGACY-LATE'")).isZero();

		var back = send("PUT", "/api/sync/direction", "{\"direction\":\"FORWARD\"}");
		assertThat(back.statusCode()).isEqualTo(200);
		execute(databases.legacyUrl, "delete from catalog.products where sku = 'LEGACY-LATE'");
	}

	@Test
	@Order(5)
	void aBadDirectionIsAProblem() throws Exception {
		var response = send("PUT", "/api/sync/direction", "{\"direction\":\"SIDEWAYS\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
		var problem = json.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("https://figmart.dev/problems/invalid-direction");
		assertThat(problem.get("detail").asString()).contains("SIDEWAYS");
	}

	@Test
	@Order(6)
	void healthAndMetricsShowTheSyncState() throws Exception {
		var health = send("GET", "/actuator/health", null);
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(json.readTree(health.body()).at("/components/cdc/status").asString()).isEqualTo("UP");
		var lag = get("/actuator/metrics/cdc.lag.wal?tag=side:FORWARD");
		assertThat(lag.at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(0);
		var applied = get("/actuator/metrics/cdc.events.applied?tag=side:FORWARD");
		assertThat(applied.at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(5);
	}

	private static int deadLetters() {
		return (int) (count(databases.newUrl, "select count(*) from cdc_bridge.dead_letter")
				+ count(databases.legacyUrl, "select count(*) from cdc_bridge.dead_letter"));
	}

	private static JsonNode capture(JsonNode status, String side) {
		for (var capture : status.get("captures")) {
			if (capture.get("side").asString().equals(side)) {
				return capture;
			}
		}
		throw new AssertionError("no capture " + side + " in " + status);
	}

	private JsonNode get(String path) throws Exception {
		var response = send("GET", path, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
