package com.figmart.strangler.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.figmart.platform.process.JavaProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The registry in the running topology: the registry jar, the gateway jar and two instances of
 * catalog-service (stand-ins, {@link CatalogInstance}), each a JVM of its own on loopback ports. A rule made
 * through the admin API sends {@code /api/catalog/**} to {@code lb://catalog-service}; the gateway resolves the
 * instances from the registry and shares the requests between them. When one instance is killed with -9, every
 * read and every write still succeeds, on the other one (sent there again when the dead one refused the
 * connection), and the registry evicts the dead one by its missing heartbeats.
 */
class RegistryLoadBalancingIT {

	private static final String RULE = "catalog-through-registry";

	/**
	 * From the last heartbeat until the gateway no longer picks the instance: two leases of 6 s and one 2 s
	 * eviction pass in the registry (14 s), then one 2 s registry fetch and one 2 s load-balancer cache period in
	 * the gateway (18 s), plus the 2 s heartbeat the instance may have skipped, with slack for a busy machine.
	 */
	private static final Duration DEAD_INSTANCE_GONE_FROM_GATEWAY = Duration.ofSeconds(20 + 10);

	/** The above, with slack for the reads in a row this test waits for on the survivor. */
	private static final Duration SURVIVOR_ALONE = DEAD_INSTANCE_GONE_FROM_GATEWAY.plusSeconds(10);

	/**
	 * After the eviction, the gateway's next registry fetch (2 s) and the end of its load-balancer cache period
	 * (2 s), with 1 s to spare: until then a read may still be sent to the dead instance first and succeed only
	 * by the gateway's retry, which would not show here.
	 */
	private static final Duration GATEWAY_COPY_REFRESHED = Duration.ofSeconds(5);

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

	private static final List<JavaProcess> processes = new ArrayList<>();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static Path directory;

	private static URI registry;

	private static URI gateway;

	private static final int FIRST_PORT = JavaProcess.freePort();

	private static final int SECOND_PORT = JavaProcess.freePort();

	private static final String FIRST_ID = "catalog-service:127.0.0.1:" + FIRST_PORT;

	private static JavaProcess second;

	@BeforeAll
	static void startTopology() throws IOException {
		directory = Files.createDirectories(
				Path.of("target", "e2e-registry", Long.toString(System.currentTimeMillis())).toAbsolutePath());
		int registryPort = JavaProcess.freePort();
		registry = URI.create("http://127.0.0.1:" + registryPort);
		processes.add(JavaProcess.jar(jar("figmart.registry.jar"))
			.name("service-registry")
			.jvmArgs("-Xmx256m", "-XX:TieredStopAtLevel=1")
			.args("--server.port=" + registryPort)
			.log(directory.resolve("registry.log"))
			.readyWhen(registry.resolve("/actuator/health/readiness"))
			.readyTimeout(READY_TIMEOUT)
			.start());
		// the gateway (with its embedded PostgreSQL) and the two instances start side by side
		CompletableFuture<JavaProcess> gatewayStart = CompletableFuture.supplyAsync(RegistryLoadBalancingIT::startGateway);
		CompletableFuture<JavaProcess> firstStart = CompletableFuture
			.supplyAsync(() -> startCatalogInstance("catalog-1", FIRST_PORT));
		CompletableFuture<JavaProcess> secondStart = CompletableFuture
			.supplyAsync(() -> startCatalogInstance("catalog-2", SECOND_PORT));
		CompletableFuture.allOf(gatewayStart, firstStart, secondStart).exceptionally((failure) -> null).join();
		for (CompletableFuture<JavaProcess> started : List.of(gatewayStart, firstStart, secondStart)) {
			if (!started.isCompletedExceptionally()) {
				processes.add(started.join());
			}
		}
		firstStart.join();
		second = secondStart.join();
		gatewayStart.join();
	}

	@AfterAll
	static void stopTopology() {
		// the gateway first, so that nothing calls an instance that is gone; then the rest
		for (int i = processes.size() - 1; i >= 0; i--) {
			processes.get(i).close();
		}
	}

	@Test
	void theGatewayBalancesOverRegisteredInstancesAndDropsOneThatDies() {
		awaitRegistry("instances UP", () -> instances("catalog-service").size() == 2
				&& instances("catalog-service").values().stream().allMatch("UP"::equals)
				&& instances("strangler-gateway").containsValue("UP"));
		assertThat(instances("catalog-service")).containsOnlyKeys(FIRST_ID,
				"catalog-service:127.0.0.1:" + SECOND_PORT);

		GatewayHttp http = new GatewayHttp(gateway);
		String token = new LocalTokens(directory.resolve("jwt-hs256.key")).admin("registry-it");
		GatewayHttp.Response created = http.send("POST", "/admin/api/rules",
				Map.of("id", RULE, "methods", List.of("GET", "POST"), "pattern", "/api/catalog/**", "mode", "NEW",
						"target", "catalog-service", "policy", Map.of("fallbackToLegacy", false),
						"reason", "catalog-service instances from the registry"),
				"Authorization", "Bearer " + token);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);

		// the gateway sees both instances once its copy of the registry is fresh: then they share the load
		await("both instances serve", DEAD_INSTANCE_GONE_FROM_GATEWAY, () -> servedBy(http, 4).keySet()
			.containsAll(List.of("catalog-1", "catalog-2")));
		Map<String, Integer> shared = servedBy(http, 20);
		assertThat(shared).as("20 requests through the gateway").containsOnlyKeys("catalog-1", "catalog-2");
		assertThat(shared.get("catalog-1")).isBetween(5, 15);

		second.kill();
		Instant killed = Instant.now();
		// a steady trickle of reads and writes while the registry notices: a request sent to the dead instance first
		// is refused a connection, so it was never sent and goes to the survivor, whatever its method; the breaker
		// judges the request by that last attempt, so no client sees a failure
		Map<String, Integer> meanwhile = new TreeMap<>();
		Map<String, Integer> writesMeanwhile = new TreeMap<>();
		Duration evicted = null;
		int survivorInARow = 0;
		while (evicted == null || survivorInARow < 10
				|| Duration.between(killed.plus(evicted), Instant.now()).compareTo(GATEWAY_COPY_REFRESHED) < 0) {
			if (Duration.between(killed, Instant.now()).compareTo(SURVIVOR_ALONE) > 0) {
				throw new AssertionError("Not within " + SURVIVOR_ALONE + " of the kill: catalog-2 evicted, "
						+ GATEWAY_COPY_REFRESHED + " more and 10 reads in a row on catalog-1; registry "
						+ instances("catalog-service") + ", reads meanwhile " + meanwhile + "; logs in " + directory);
			}
			String server = servedBy(http, 1).keySet().iterator().next();
			meanwhile.merge(server, 1, Integer::sum);
			writesMeanwhile.merge(writtenTo(http, meanwhile.size() + writesMeanwhile.size()), 1, Integer::sum);
			survivorInARow = "catalog-1".equals(server) ? survivorInARow + 1 : 0;
			if (evicted == null && instances("catalog-service").keySet().equals(Set.of(FIRST_ID))) {
				evicted = Duration.between(killed, Instant.now());
			}
			pause(Duration.ofMillis(100));
		}
		Duration routedAround = Duration.between(killed, Instant.now());

		assertThat(meanwhile).as("reads while the dead instance was still registered").containsOnlyKeys("catalog-1");
		assertThat(writesMeanwhile).as("writes while the dead instance was still registered").containsOnlyKeys("catalog-1");
		Map<String, Integer> afterEviction = servedBy(http, 30);
		assertThat(afterEviction).as("every request after the eviction succeeds on the survivor")
			.isEqualTo(Map.of("catalog-1", 30));
		System.out.printf("kill -9 -> evicted from the registry after %d ms, 10 reads in a row on the survivor after %d ms;"
				+ " reads meanwhile (one every 100 ms): %s, writes meanwhile: %s%n", evicted.toMillis(), routedAround.toMillis(),
				meanwhile, writesMeanwhile);
	}

	/** Who answered {@code requests} catalog reads through the gateway; failures count under their status. */
	private static Map<String, Integer> servedBy(GatewayHttp http, int requests) {
		Map<String, Integer> servers = new TreeMap<>();
		for (int i = 0; i < requests; i++) {
			GatewayHttp.Response response = http.get("/api/catalog/products/" + i);
			String server = (response.status() == 200) ? response.header(CatalogInstance.SERVED_HEADER)
					: "HTTP " + response.status();
			servers.merge(server, 1, Integer::sum);
		}
		return servers;
	}

	/** Who answered a catalog write through the gateway, or the failure's status. */
	private static String writtenTo(GatewayHttp http, int number) {
		GatewayHttp.Response response = http.send("POST", "/api/catalog/products", Map.of("sku", "SKU-" + number));
		return (response.status() == 200) ? response.header(CatalogInstance.SERVED_HEADER) : "HTTP " + response.status();
	}

	/** The instances of an app in the registry, by instance id, with their status, through Eureka's REST API. */
	private static Map<String, String> instances(String app) {
		HttpRequest request = HttpRequest.newBuilder(registry.resolve("/eureka/apps/" + app.toUpperCase(Locale.ROOT)))
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			Map<String, String> instances = new TreeMap<>();
			if (response.statusCode() == 404) {
				return instances;
			}
			JsonNode listed = GatewayHttp.JSON.readTree(response.body()).path("application").path("instance");
			// Eureka lists one instance as an object and several as an array
			for (JsonNode instance : listed.isArray() ? listed : List.of(listed)) {
				instances.put(instance.path("instanceId").asString(), instance.path("status").asString());
			}
			return instances;
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void awaitRegistry(String what, Supplier<Boolean> condition) {
		await(what, DEAD_INSTANCE_GONE_FROM_GATEWAY, condition);
	}

	private static void await(String what, Duration timeout, Supplier<Boolean> condition) {
		Instant deadline = Instant.now().plus(timeout);
		while (!condition.get()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("Not within " + timeout + ": " + what + "; registry: catalog-service "
						+ instances("catalog-service") + ", strangler-gateway " + instances("strangler-gateway")
						+ "; logs in " + directory);
			}
			pause(Duration.ofMillis(200));
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static JavaProcess startGateway() {
		int port = JavaProcess.freePort();
		gateway = URI.create("http://127.0.0.1:" + port);
		return JavaProcess.jar(jar("figmart.gateway.jar"))
			.name("strangler-gateway")
			.jvmArgs("-Xmx384m", "-XX:TieredStopAtLevel=1")
			.args("--server.port=" + port, "--figmart.registry.url=" + registry,
					"--figmart.gateway.targets.catalog-service=lb://catalog-service",
					// nothing listens there: a request the gateway sent to the monolith would show as a failure
					"--figmart.gateway.legacy-uri=http://127.0.0.1:" + JavaProcess.freePort(),
					"--figmart.gateway.rate-limit.enabled=false",
					"--figmart.gateway.security.local-key-file=" + directory.resolve("jwt-hs256.key"),
					"--figmart.embedded-postgres.data-directory=" + directory.resolve("gateway-postgres"))
			.log(directory.resolve("gateway.log"))
			.readyWhen(gateway.resolve("/actuator/health/readiness"))
			.readyTimeout(READY_TIMEOUT)
			.stopGracePeriod(Duration.ofSeconds(20))
			.start();
	}

	private static JavaProcess startCatalogInstance(String name, int port) {
		return JavaProcess.mainClass(CatalogInstance.class.getName(), System.getProperty("java.class.path"))
			.name(name)
			.jvmArgs("-Xmx128m", "-XX:TieredStopAtLevel=1")
			.args("--server.port=" + port, "--spring.application.name=catalog-service",
					"--figmart.registry.url=" + registry, "--figmart.instance-name=" + name,
					"--management.endpoint.health.probes.enabled=true", "--spring.main.banner-mode=off")
			.log(directory.resolve(name + ".log"))
			.readyWhen(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.readyTimeout(READY_TIMEOUT)
			.stopGracePeriod(Duration.ofSeconds(10))
			.start();
	}

	private static Path jar(String property) {
		String value = System.getProperty(property);
		if (value == null || !Files.isRegularFile(Path.of(value))) {
			throw new IllegalStateException("System property " + property + " must name a packaged jar (run through "
					+ "Failsafe after 'package'), was " + value);
		}
		return Path.of(value);
	}

}
