package com.figmart.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

@MonolithHttpTest
class OperationsEndpointsTests {

	@LocalServerPort
	int port;

	@Test
	void livenessAndReadinessAreSeparateGroupsAndReadinessWatchesTheDatabase() {
		var http = new HttpClient(port);

		assertThat(http.get("/actuator/health/liveness").getBody().get("status").asString()).isEqualTo("UP");
		var readiness = http.get("/actuator/health/readiness").getBody();
		assertThat(readiness.get("status").asString()).isEqualTo("UP");
		assertThat(readiness.get("components").has("db")).isTrue();
	}

	@Test
	void theModulesEndpointListsTheSevenModulesAndTheKernel() {
		var modules = new HttpClient(port).get("/actuator/modulith").getBody();

		assertThat(modules.propertyNames()).contains("catalog", "user", "inventory", "order", "payment", "shipping",
				"analytics", "kernel");
	}

	@Test
	void publishesAnOpenApiDescriptionOfTheRestApi() {
		var http = new HttpClient(port);
		var api = http.get("/v3/api-docs").getBody();

		assertThat(api.get("paths").propertyNames()).contains("/api/orders", "/api/carts/{id}/checkout",
				"/api/catalog/products", "/api/customers");
		assertThat(http.status("/swagger-ui/index.html")).isEqualTo(HttpStatus.OK);
	}

	@Test
	void exposesInfoAndMetrics() {
		var http = new HttpClient(port);

		assertThat(http.get("/actuator/info").getBody().has("java")).isTrue();
		var requests = http.get("/actuator/metrics/http.server.requests");
		assertThat(requests.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(requests.getBody().get("measurements").get(0).get("value").asDouble()).isPositive();
		assertThat(http.get("/actuator/metrics").getBody().get("names").valueStream().map(name -> name.asString()))
				.contains("jvm.memory.used", "hikaricp.connections");
	}
}
