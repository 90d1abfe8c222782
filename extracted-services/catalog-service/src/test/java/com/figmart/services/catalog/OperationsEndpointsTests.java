package com.figmart.services.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a load balancer, a registry and an operator ask of the service. */
@CatalogServiceHttpTest
class OperationsEndpointsTests {

	@LocalServerPort
	int port;

	final JdbcClient jdbc;

	OperationsEndpointsTests(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Test
	void readinessIncludesTheDatabaseAndInfoNamesTheBuild() {
		var http = new HttpClient(port);

		var readiness = http.get("/actuator/health/readiness");
		var info = http.get("/actuator/info");

		assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(readiness.getBody().get("components").get("db").get("status").asString()).isEqualTo("UP");
		assertThat(http.get("/actuator/health/liveness").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(info.getBody().get("java").get("version").asString()).isNotBlank();
	}

	@Test
	void itsOwnFlywayHistoryLivesInTheCatalogSchema() {
		assertThat(jdbc.sql("select count(*) from catalog.flyway_schema_history where success and version = '1'")
				.query(Long.class).single()).isEqualTo(1);
	}
}
