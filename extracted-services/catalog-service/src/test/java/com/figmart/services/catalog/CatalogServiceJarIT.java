package com.figmart.services.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.figmart.platform.process.JavaProcess;

/**
 * The jar as a user runs it: {@code java -jar catalog-service.jar} with only a port and a data
 * directory. It starts its own PostgreSQL with database {@code catalog_service}, keeps products and
 * their revisions across a restart, and leaves nothing running after SIGTERM.
 */
class CatalogServiceJarIT {

	@TempDir
	Path workDirectory;

	JavaProcess service;
	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void runsOnItsOwnDatabaseAndKeepsItsDataAcrossRestarts() throws Exception {
		var dataDirectory = workDirectory.resolve("postgres");
		var port = JavaProcess.freePort();

		service = start(dataDirectory, port, "first.log");
		assertThat(Files.readString(workDirectory.resolve("first.log")))
				.containsPattern("Embedded PostgreSQL: jdbc:postgresql://127\\.0\\.0\\.1:\\d+/catalog_service");
		assertThat(get(port, "/actuator/health/readiness").body()).contains("\"db\"").contains("\"status\":\"UP\"");
		var product = "{\"sku\":\"JAR-1\",\"name\":\"Jar\",\"price\":{\"amount\":3,\"currency\":\"EUR\"},\"category\":\"kitchen\"}";
		assertThat(send(port, "POST", "/api/catalog/products", product).statusCode()).isEqualTo(201);
		assertThat(send(port, "PUT", "/api/catalog/products/JAR-1", product.replace("\"amount\":3", "\"amount\":4"))
				.headers().firstValue("ETag")).contains("\"1\"");
		assertThat(service.stop()).as("stops within a minute of SIGTERM").isTrue();
		assertThat(dataDirectory.resolve("postmaster.pid")).as("its PostgreSQL stopped with it").doesNotExist();

		service = start(dataDirectory, port, "second.log");
		var again = get(port, "/api/catalog/products/JAR-1");
		assertThat(again.body()).contains("\"amount\":4.00");
		assertThat(again.headers().firstValue("ETag")).contains("\"1\"");
		assertThat(service.stop()).isTrue();
	}

	@AfterEach
	void stopEverything() throws Exception {
		if (service != null && service.isAlive()) {
			service.kill();
		}
		var pidFile = workDirectory.resolve("postgres").resolve("postmaster.pid");
		if (Files.exists(pidFile)) {
			ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim())).ifPresent(ProcessHandle::destroy);
		}
	}

	private JavaProcess start(Path dataDirectory, int port, String log) {
		return JavaProcess.jar(Path.of(System.getProperty("figmart.jar")))
				.args("--server.port=" + port, "--figmart.embedded-postgres.data-directory=" + dataDirectory)
				.log(workDirectory.resolve(log))
				.readyWhen(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
				.readyTimeout(Duration.ofSeconds(120))
				.start();
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(int port, String method, String path, String json) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
	}
}
