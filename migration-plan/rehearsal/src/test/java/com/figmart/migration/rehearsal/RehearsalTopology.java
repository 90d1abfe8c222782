package com.figmart.migration.rehearsal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import com.figmart.migration.plan.Plan;
import com.figmart.migration.plan.PlanRunner;
import com.figmart.migration.plan.PlanState;
import com.figmart.migration.system.HttpSystem;
import com.figmart.migration.topology.Topology;
import com.figmart.migration.topology.Topology.Service;
import com.figmart.migration.topology.TopologyLauncher;
import com.figmart.migration.topology.TopologyLauncher.RunningTopology;
import com.figmart.platform.process.JavaProcess;
import com.figmart.strangler.cli.LocalToken;

/**
 * The repository's topology ({@code migration-plan/topology.yml} with its config files) started the way
 * {@code ./figmart up} starts it, but on free ports and with every data directory in a temporary working
 * directory, so it runs beside anything else on the machine and leaves nothing behind.
 */
final class RehearsalTopology implements AutoCloseable {

	static final Path REPOSITORY = Path.of(System.getProperty("figmart.repository", "../..")).toAbsolutePath().normalize();

	private final Path workingDirectory;

	private final Topology topology;

	private final RunningTopology running;

	private RehearsalTopology(Path workingDirectory, Topology topology, RunningTopology running) {
		this.workingDirectory = workingDirectory;
		this.topology = topology;
		this.running = running;
	}

	static RehearsalTopology start(Path workingDirectory) {
		Topology topology = onFreePorts(workingDirectory);
		RunningTopology running = new TopologyLauncher(workingDirectory, Duration.ofMinutes(3), new TopologyLauncher.Listener() {
			@Override
			public void starting(Service service) {
				log("starting " + service.name() + " on port " + service.port());
			}

			@Override
			public void ready(Service service, JavaProcess process, Duration took) {
				log(service.name() + " ready after " + took.toMillis() + " ms");
			}
		}).start(topology);
		return new RehearsalTopology(workingDirectory, topology, running);
	}

	/**
	 * The repository's topology on free ports, with absolute paths to the jars and config files, and everything that
	 * names a port of another service overridden on the command line.
	 */
	static Topology onFreePorts(Path workingDirectory) {
		Topology repository = Topology.read(REPOSITORY.resolve("migration-plan/topology.yml"));
		Map<String, Integer> ports = new HashMap<>();
		repository.services().forEach((service) -> ports.put(service.name(), JavaProcess.freePort()));
		int legacyDatabase = JavaProcess.freePort();
		int catalogDatabase = JavaProcess.freePort();
		int kafka = JavaProcess.freePort();
		String registry = "--figmart.registry.url=http://127.0.0.1:" + ports.get("service-registry") + "/eureka/";
		Map<String, List<String>> overrides = Map.of(
				"service-registry", List.of(),
				"kafka-broker", List.of("--figmart.kafka-broker.port=" + kafka,
						"--figmart.kafka-broker.controller-port=" + JavaProcess.freePort()),
				"legacy-monolith", List.of(registry, "--figmart.embedded-postgres.port=" + legacyDatabase,
						"--spring.kafka.bootstrap-servers=127.0.0.1:" + kafka),
				"catalog-service", List.of(registry, "--figmart.embedded-postgres.port=" + catalogDatabase),
				"cdc-bridge", List.of(registry,
						"--figmart.cdc.source.url=jdbc:postgresql://127.0.0.1:" + legacyDatabase + "/marketplace",
						"--figmart.cdc.target.url=jdbc:postgresql://127.0.0.1:" + catalogDatabase + "/catalog_service"),
				"strangler-gateway", List.of(registry,
						"--figmart.gateway.legacy-uri=http://127.0.0.1:" + ports.get("legacy-monolith")));
		List<Service> services = new ArrayList<>();
		for (Service service : repository.services()) {
			services.add(new Service(service.name(), REPOSITORY.resolve(service.jar()), ports.get(service.name()), service.health(),
					(service.config() != null) ? REPOSITORY.resolve(service.config()) : null, service.dependsOn(),
					List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), overrides.get(service.name())));
		}
		return new Topology(workingDirectory.resolve("logs"), services);
	}

	/** The topology as a file {@code figmart up --topology} reads. */
	static void write(Topology topology, Path file) {
		StringBuilder yaml = new StringBuilder("logs: '" + topology.logDirectory() + "'\nservices:\n");
		for (Service service : topology.services()) {
			yaml.append("  - name: ").append(service.name()).append('\n')
				.append("    jar: '").append(service.jar()).append("'\n")
				.append("    port: ").append(service.port()).append('\n')
				.append("    health: ").append(service.health()).append('\n');
			if (service.config() != null) {
				yaml.append("    config: '").append(service.config()).append("'\n");
			}
			yaml.append("    depends-on: ").append(flow(service.dependsOn())).append('\n')
				.append("    jvm-args: ").append(flow(service.jvmArgs())).append('\n')
				.append("    args: ").append(flow(service.args())).append('\n');
		}
		try {
			Files.writeString(file, yaml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String flow(List<String> values) {
		return values.stream().map((value) -> "'" + value.replace("'", "''") + "'")
			.collect(Collectors.joining(", ", "[", "]"));
	}

	String url(String service) {
		return this.topology.service(service).url().toString();
	}

	/** Where Kafka clients reach the topology's broker, as its health endpoint reports it. */
	String kafkaBootstrapServers() {
		try {
			var response = HttpClient.newHttpClient().send(HttpRequest
				.newBuilder(URI.create(url("kafka-broker") + "/actuator/health/readiness")).build(),
					HttpResponse.BodyHandlers.ofString());
			return JsonMapper.shared().readTree(response.body()).at("/components/broker/details/bootstrapServers").asString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	String adminToken() {
		return token("rehearsal", "admin");
	}

	String customerToken() {
		return token("shopper", "customer");
	}

	private String token(String subject, String role) {
		Path key = this.workingDirectory.resolve("data/strangler-gateway/jwt-hs256.key");
		return LocalToken.mint(LocalToken.readKey(key), subject, List.of(role), Duration.ofMinutes(5), Instant.now());
	}

	PlanRunner planRunner(PlanRunner.Listener listener) {
		Plan plan = Plan.read(REPOSITORY.resolve("migration-plan/plans/catalog.yml"));
		HttpSystem system = new HttpSystem(this.topology, plan, this::adminToken);
		return new PlanRunner(plan, new PlanState(this.workingDirectory.resolve("plan-catalog.state")), system.gateway(),
				system.bridge(), system::healthy, listener, Clock.systemUTC());
	}

	HttpSystem system() {
		Plan plan = Plan.read(REPOSITORY.resolve("migration-plan/plans/catalog.yml"));
		return new HttpSystem(this.topology, plan, this::adminToken);
	}

	String logOf(String service) {
		return this.running.process(service).output();
	}

	Path workingDirectory() {
		return this.workingDirectory;
	}

	static void log(String message) {
		System.out.println("[rehearsal " + Instant.now() + "] " + message);
	}

	@Override
	public void close() {
		this.running.close();
	}

	static Path newWorkingDirectory() {
		try {
			return Files.createTempDirectory("figmart-rehearsal");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
