package com.figmart.migration.rehearsal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.figmart.migration.plan.PlanRunner;
import com.figmart.migration.plan.PlanRunner.Outcome;
import com.figmart.migration.plan.SyncBridge;
import com.figmart.platform.process.JavaProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog extraction rehearsed end to end: the whole topology as processes, storefront traffic through the
 * gateway the whole time, and the plan run from chapter 0 to the write cutover, then rolled back step by step to
 * where it started. Every client request must succeed, parity must hold after every step, no write may be lost
 * in either direction, the business results must be those of the same rounds played against the monolith
 * alone, and every order's events must have reached Kafka.
 */
class MigrationRehearsalIT {

	private static final List<String> FORWARD = List.of("baseline", "start-service", "backfill", "parity", "shadow-reads",
			"canary-reads", "read-cutover", "write-cutover");

	private static final String MAPPING = "catalog-products";

	/** How long the traffic runs in each state of the plan, so that every state sees reads and writes. */
	private static final Duration DWELL = Duration.ofMillis(1500);

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static RehearsalTopology topology;

	@BeforeAll
	static void startTheTopology() {
		topology = RehearsalTopology.start(RehearsalTopology.newWorkingDirectory());
	}

	@AfterAll
	static void stopTheTopology() {
		if (topology != null) {
			topology.close();
		}
	}

	@Test
	void theCatalogMovesToItsServiceAndBackWithoutAFailedRequestOrALostWrite() throws Exception {
		Storefront storefront = new Storefront(topology.url("strangler-gateway"), topology::customerToken).prepare();
		PlanRunner runner = topology.planRunner((message) -> RehearsalTopology.log(message));
		SyncBridge bridge = topology.system().bridge();
		storefront.start(2, Duration.ofMillis(150));

		for (String step : FORWARD) {
			if (step.equals("canary-reads")) {
				awaitShadowComparisons(runner, Duration.ofSeconds(90));
			}
			Outcome outcome = runner.apply(step);
			assertThat(outcome).as(step + ": " + outcome).isInstanceOf(Outcome.Done.class);
			assertParity(bridge, "after applying " + step);
			Thread.sleep(DWELL.toMillis());
		}
		List<String> back = new ArrayList<>(FORWARD);
		java.util.Collections.reverse(back);
		for (String step : back) {
			Outcome outcome = runner.rollback(step);
			assertThat(outcome).as("rolling back " + step + ": " + outcome).isInstanceOf(Outcome.Done.class);
			assertParity(bridge, "after rolling back " + step);
			Thread.sleep(DWELL.toMillis());
		}

		int rounds = storefront.stop();
		RehearsalTopology.log(rounds + " rounds, " + storefront.requests() + " requests, writes held at most "
				+ storefront.maxWriteHeldMillis() + " ms");
		assertThat(storefront.failures()).as("failed client requests").isEmpty();
		assertThat(rounds).isGreaterThan(10);
		assertThat(storefront.maxWriteHeldMillis()).as("longest a write was held").isLessThanOrEqualTo(2_000);
		assertParity(bridge, "after the traffic");

		Map<String, String> legacy = revisedDescriptions(topology.url("legacy-monolith"));
		Map<String, String> extracted = revisedDescriptions(topology.url("catalog-service"));
		for (String sku : Storefront.REVISED) {
			assertThat(legacy.get(sku)).as("last write of " + sku + " in the monolith").isEqualTo(Storefront.lastDescription(sku, rounds));
			assertThat(extracted.get(sku)).as("last write of " + sku + " in catalog-service").isEqualTo(Storefront.lastDescription(sku, rounds));
		}
		for (int round = 0; round < rounds; round += 10) {
			assertThat(status(topology.url("legacy-monolith") + "/api/catalog/products/NEW-" + round)).isEqualTo(200);
			assertThat(status(topology.url("catalog-service") + "/api/catalog/products/NEW-" + round)).isEqualTo(200);
		}

		BusinessResults alone = monolithAlone(rounds);
		BusinessResults migrated = BusinessResults.of(topology.url("legacy-monolith"), storefront.outcomes());
		for (int attempt = 0; attempt < 20 && !migrated.equals(alone); attempt++) {
			Thread.sleep(500); // the sales projection follows the orders asynchronously
			migrated = BusinessResults.of(topology.url("legacy-monolith"), storefront.outcomes());
		}
		assertThat(migrated).isEqualTo(alone);

		List<String> orders = storefront.orderIds();
		Map<String, List<String>> events = OrderEventsTopic.read(topology.kafkaBootstrapServers(), Set.copyOf(orders),
				Duration.ofSeconds(30));
		for (String order : orders) {
			assertThat(events.get(order)).as("the events of order " + order + " on Kafka")
				.isIn(List.of("OrderPlaced", "OrderConfirmed"), List.of("OrderPlaced", "OrderRejected"));
		}
	}

	private static BusinessResults monolithAlone(int rounds) {
		Path directory = RehearsalTopology.newWorkingDirectory();
		int port = JavaProcess.freePort();
		try (JavaProcess monolith = JavaProcess.jar(RehearsalTopology.REPOSITORY.resolve("legacy-monolith/target/legacy-monolith.jar"))
			.name("monolith-alone")
			.workingDirectory(directory)
			.jvmArgs("-Xmx384m", "-XX:TieredStopAtLevel=1")
			.args("--server.port=" + port)
			.log(directory.resolve("monolith-alone.log"))
			.readyWhen(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.start()) {
			Storefront storefront = new Storefront("http://127.0.0.1:" + port, () -> null).prepare();
			List<String> outcomes = storefront.replay(rounds);
			assertThat(storefront.failures()).as("failed requests against the monolith alone").isEmpty();
			return BusinessResults.of("http://127.0.0.1:" + port, outcomes);
		}
	}

	/**
	 * What the business sees: each round's order outcome, the stock of every product bought, and revenue per
	 * category.
	 */
	record BusinessResults(List<String> rounds, Map<String, JsonNode> stock, JsonNode revenueByCategory) {

		static BusinessResults of(String base, List<String> rounds) {
			Map<String, JsonNode> stock = new LinkedHashMap<>();
			for (String sku : Storefront.ORDERED) {
				stock.put(sku, json(base + "/api/inventory/" + sku));
			}
			return new BusinessResults(rounds, stock, json(base + "/api/analytics/sales/categories"));
		}

	}

	private static void awaitShadowComparisons(PlanRunner runner, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		var step = runner.plan().step("canary-reads").orElseThrow();
		while (System.nanoTime() - deadline < 0) {
			if (runner.evaluate(step.preconditions()).stream().allMatch(PlanRunner.Evaluation::met)) {
				return;
			}
			Thread.sleep(1_000);
		}
		RehearsalTopology.log("canary preconditions after waiting: " + runner.evaluate(step.preconditions()));
	}

	private static void assertParity(SyncBridge bridge, String when) throws InterruptedException {
		SyncBridge.Parity parity = null;
		for (int attempt = 0; attempt < 30; attempt++) {
			parity = bridge.parity(MAPPING);
			if (parity.clean()) {
				return;
			}
			Thread.sleep(500);
		}
		assertThat(parity.clean()).as("parity " + when + ": " + parity.summary() + " " + parity.differingKeys()).isTrue();
	}

	private static Map<String, String> revisedDescriptions(String base) {
		Map<String, String> descriptions = new LinkedHashMap<>();
		for (String sku : Storefront.REVISED) {
			descriptions.put(sku, json(base + "/api/catalog/products/" + sku).path("description").asString());
		}
		return descriptions;
	}

	private static JsonNode json(String url) {
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(url).isEqualTo(200);
			return JSON.readTree(response.body());
		}
		catch (Exception ex) {
			throw new IllegalStateException(url, ex);
		}
	}

	private static int status(String url) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
