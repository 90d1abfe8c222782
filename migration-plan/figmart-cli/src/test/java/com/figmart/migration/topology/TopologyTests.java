package com.figmart.migration.topology;

import java.io.StringReader;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopologyTests {

	@Test
	void startsEveryServiceAfterWhatItDependsOn() {
		Topology topology = parse("""
				services:
				  - {name: gateway, jar: g.jar, port: 8080, health: /h, depends-on: [monolith, registry]}
				  - {name: bridge, jar: b.jar, port: 8083, health: /h, depends-on: [monolith, service]}
				  - {name: monolith, jar: m.jar, port: 8081, health: /h}
				  - {name: service, jar: s.jar, port: 8082, health: /h, depends-on: [registry]}
				  - {name: registry, jar: r.jar, port: 8761, health: /h}
				""");

		assertThat(topology.startOrder()).extracting(Topology.Service::name)
			.containsExactly("monolith", "registry", "gateway", "service", "bridge");
	}

	@Test
	void readsEverySettingOfAService() {
		Topology topology = parse("""
				logs: build/logs
				services:
				  - name: monolith
				    jar: legacy-monolith/target/legacy-monolith.jar
				    port: 8081
				    health: /actuator/health/readiness
				    jvm-args: [-Xmx512m]
				    args: [--figmart.embedded-postgres.port=15432]
				""");

		Topology.Service monolith = topology.service("monolith");
		assertThat(topology.logDirectory()).isEqualTo(Path.of("build/logs"));
		assertThat(monolith.jar()).isEqualTo(Path.of("legacy-monolith/target/legacy-monolith.jar"));
		assertThat(monolith.healthUrl()).hasToString("http://127.0.0.1:8081/actuator/health/readiness");
		assertThat(monolith.jvmArgs()).containsExactly("-Xmx512m");
		assertThat(monolith.args()).containsExactly("--figmart.embedded-postgres.port=15432");
		assertThat(monolith.dependsOn()).isEmpty();
	}

	@Test
	void refusesADependencyThatIsNotDeclared() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("""
				services:
				  - {name: gateway, jar: g.jar, port: 8080, health: /h, depends-on: [monolith]}
				""")).withMessage("Service 'gateway' depends on 'monolith', which is not declared");
	}

	@Test
	void refusesACycle() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("""
				services:
				  - {name: a, jar: a.jar, port: 1001, health: /h, depends-on: [b]}
				  - {name: b, jar: b.jar, port: 1002, health: /h, depends-on: [a]}
				""")).withMessage("Services depend on each other in a cycle: a -> b -> a");
	}

	@Test
	void refusesAServiceDeclaredTwice() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("""
				services:
				  - {name: a, jar: a.jar, port: 1001, health: /h}
				  - {name: a, jar: b.jar, port: 1002, health: /h}
				""")).withMessage("Service 'a' is declared twice");
	}

	@Test
	void refusesAHealthUrlThatIsNotAPath() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("""
				services:
				  - {name: a, jar: a.jar, port: 1001, health: actuator/health}
				""")).withMessage("a: health must be a path starting with '/'");
	}

	@Test
	void theRepositorysTopologyIsValid() {
		Topology topology = Topology.read(Path.of("../topology.yml"));

		assertThat(topology.services()).extracting(Topology.Service::name).contains("legacy-monolith", "strangler-gateway");
		assertThat(topology.services()).extracting(Topology.Service::port).doesNotHaveDuplicates();
	}

	private static Topology parse(String yaml) {
		return Topology.parse(new StringReader(yaml), "test");
	}

}
