package com.figmart.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.figmart.platform.process.JavaProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as a user runs it: {@code java -jar legacy-monolith.jar}, no configuration but a port and
 * a data directory. Killed with -9, its PostgreSQL outlives it; the next start notices, stops that
 * server, and finds every committed row. A graceful stop leaves no process behind.
 */
class LegacyMonolithJarIT {

	static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

	@TempDir
	Path workDirectory;

	JavaProcess application;
	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void keepsItsDataAcrossAKillAndStopsCleanly() throws Exception {
		var dataDirectory = workDirectory.resolve("postgres");
		var port = JavaProcess.freePort();

		application = start(dataDirectory, port, "first.log");
		var customer = post(port, "/api/customers",
				"{\"email\":\"jar-" + UUID.randomUUID() + "@example.com\",\"name\":\"Jar\",\"region\":\"EU\"}");
		assertThat(customer.statusCode()).isEqualTo(201);
		var customerId = customer.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
		assertThat(get(port, "/api/catalog/products?size=1").body()).contains("\"totalElements\":12");

		application.kill();
		var orphan = postgresHolding(dataDirectory);
		assertThat(orphan).as("PostgreSQL outlives a JVM killed with -9").isPresent();

		application = start(dataDirectory, port, "second.log");
		assertThat(orphan.get().isAlive()).isFalse();
		assertThat(Files.readString(workDirectory.resolve("second.log"))).contains("that a previous process had left running");
		assertThat(get(port, "/api/customers/" + customerId).statusCode()).isEqualTo(200);
		assertThat(get(port, "/api/catalog/products?size=1").body())
				.as("the demo catalog is loaded on the first start only").contains("\"totalElements\":12");

		var server = postgresHolding(dataDirectory).orElseThrow();
		assertThat(application.stop()).as("stops within a minute of SIGTERM").isTrue();
		assertThat(server.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
		assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();
	}

	@AfterEach
	void stopEverything() throws Exception {
		if (application != null && application.isAlive()) {
			application.kill();
		}
		postgresHolding(workDirectory.resolve("postgres")).ifPresent(ProcessHandle::destroy);
	}

	private JavaProcess start(Path dataDirectory, int port, String log) {
		return JavaProcess.jar(Path.of(System.getProperty("figmart.jar")))
				.args("--server.port=" + port, "--figmart.embedded-postgres.data-directory=" + dataDirectory)
				.log(workDirectory.resolve(log))
				.readyWhen(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
				.readyTimeout(READY_TIMEOUT)
				.start();
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(int port, String path, String json) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static Optional<ProcessHandle> postgresHolding(Path dataDirectory) throws IOException {
		var pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return Optional.empty();
		}
		var pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
		return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
	}
}
