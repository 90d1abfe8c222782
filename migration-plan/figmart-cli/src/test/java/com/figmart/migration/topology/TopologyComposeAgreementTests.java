package com.figmart.migration.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml runs the topology of {@code migration-plan/topology.yml} on real servers. Docker cannot run
 * here, so this reads both files and fails when they disagree: a service, its jar, port, health URL, config file,
 * what it waits for, or a host its config file refers to that compose does not set.
 */
class TopologyComposeAgreementTests {

	private static final Path ROOT = Path.of("../..");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):[^}]*}");

	/** Services of the topology that stand in for a real server compose runs from its image: name in compose. */
	private static final Map<String, String> STAND_INS = Map.of("kafka-broker", "kafka");

	private final Topology topology = Topology.read(ROOT.resolve("migration-plan/topology.yml"));

	private final Map<String, Map<String, Object>> compose = composeServices();

	@TestFactory
	List<DynamicTest> everyServiceOfTheTopologyRunsTheSameWayInCompose() {
		return this.topology.services().stream().filter((service) -> !STAND_INS.containsKey(service.name()))
			.map((service) -> DynamicTest.dynamicTest(service.name(), () -> {
			Map<String, Object> container = this.compose.get(service.name());
			assertThat(container).as("compose service " + service.name()).isNotNull();

			Map<String, Object> build = map(container.get("build"));
			assertThat(map(build.get("args")).get("JAR")).as("jar").isEqualTo(service.jar().toString());
			assertThat(strings(container.get("command"))).as("command").contains("--server.port=" + service.port());
			assertThat(strings(container.get("ports"))).as("ports").contains(service.port() + ":" + service.port());
			assertThat(String.join(" ", strings(map(container.get("healthcheck")).get("test")))).as("health check")
				.contains("http://localhost:" + service.port() + service.health());

			Map<String, Object> dependsOn = map(container.getOrDefault("depends_on", Map.of()));
			for (String dependency : service.dependsOn()) {
				assertThat(map(dependsOn.get(dependency))).as("waits for " + dependency + " to be healthy")
					.containsEntry("condition", "service_healthy");
			}

			if (service.config() != null) {
				String mounted = "/config/" + service.config().getFileName();
				assertThat(strings(container.get("volumes"))).as("mounts its config file")
					.contains("./" + service.config() + ":" + mounted + ":ro");
				assertThat(strings(container.get("command"))).as("reads its config file")
					.contains("--spring.config.additional-location=file:" + mounted);
				Map<String, Object> environment = map(container.get("environment"));
				for (String variable : placeholders(ROOT.resolve(service.config()))) {
					assertThat(environment).as(service.config() + " refers to ${" + variable + "}").containsKey(variable);
					if (variable.endsWith("_HOST")) {
						assertThat(this.compose).as(variable + " names a compose service").containsKey(environment.get(variable).toString());
					}
				}
			}
		})).toList();
	}

	@Test
	void composeRunsNoAppTheTopologyDoesNotKnow() {
		Set<String> apps = new LinkedHashSet<>(this.compose.keySet());
		apps.removeIf((name) -> !this.compose.get(name).containsKey("build"));
		assertThat(apps).containsExactlyInAnyOrderElementsOf(this.topology.services().stream().map(Topology.Service::name)
			.filter((name) -> !STAND_INS.containsKey(name)).toList());
	}

	@Test
	void theEmbeddedKafkaBrokerServesOnThePortComposeGivesKafka() throws IOException {
		Topology.Service broker = this.topology.service("kafka-broker");
		Map<String, Object> settings = new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(Files.readString(ROOT.resolve(broker.config())));
		Object port = map(map(settings.get("figmart")).get("kafka-broker")).get("port");
		Map<String, Object> kafka = this.compose.get(STAND_INS.get("kafka-broker"));

		assertThat(kafka).as("compose runs Kafka from its image").containsKey("image");
		assertThat(strings(kafka.get("ports"))).contains(port + ":" + port);
		assertThat(map(kafka.get("environment")).get("KAFKA_ADVERTISED_LISTENERS").toString()).endsWith(":" + port);
	}

	@Test
	void postgresIsReadyForLogicalDecodingWithEveryDatabaseTheAppsUse() throws IOException {
		assertThat(String.join(" ", strings(this.compose.get("postgres").get("command")))).contains("wal_level=logical");
		String init = Files.readString(ROOT.resolve("docker/postgres-init.sql"));
		for (Map<String, Object> container : this.compose.values()) {
			Object url = map(container.getOrDefault("environment", Map.of())).get("SPRING_DATASOURCE_URL");
			if (url != null) {
				String database = url.toString().substring(url.toString().lastIndexOf('/') + 1);
				assertThat(init).as("creates " + database).contains("create database " + database + ";");
			}
		}
	}

	@Test
	void kafkaRunsInKraftMode() {
		assertThat(map(this.compose.get("kafka").get("environment"))).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
	}

	private static Set<String> placeholders(Path config) throws IOException {
		Set<String> variables = new LinkedHashSet<>();
		Matcher matcher = PLACEHOLDER.matcher(Files.readString(config));
		while (matcher.find()) {
			variables.add(matcher.group(1));
		}
		return variables;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> composeServices() {
		try (var reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
			Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
			return (Map<String, Map<String, Object>>) document.get("services");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	private static List<String> strings(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return ((List<?>) value).stream().map(String::valueOf).toList();
	}

}
