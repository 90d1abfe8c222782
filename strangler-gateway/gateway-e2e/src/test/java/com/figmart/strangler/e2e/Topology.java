package com.figmart.strangler.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.figmart.platform.process.JavaProcess;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The running topology, as an operator starts it: the monolith jar, the gateway jar in front of it (each
 * with its own embedded PostgreSQL) and the extracted service, all on free loopback ports. Started once per
 * test JVM and stopped when the tests end; logs and data stay under {@code target/e2e} for a post-mortem.
 *
 * <p>The gateway starts with one rule, {@value #PRODUCT_RULE} ({@code GET /api/catalog/products/*}, LEGACY)
 * and {@value #CUSTOMER_RULE} ({@code POST /api/customers}, LEGACY), both with the extracted service as
 * their new target; tests change them through the admin API.
 */
final class Topology implements AutoCloseable {

	static final String PRODUCT_RULE = "catalog-product";

	static final String CUSTOMER_RULE = "customer-signup";

	/** Small enough that a test can run into it, large enough for the load tests of many clients. */
	static final int RATE_LIMIT_CAPACITY = 100;

	static final int RATE_LIMIT_REFILL_PER_SECOND = 50;

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

	private final Path directory;

	private final JavaProcess monolith;

	private NewTargetServer newTarget;

	private final int monolithPort = JavaProcess.freePort();

	private final int gatewayPort = JavaProcess.freePort();

	private JavaProcess gateway;

	private int gatewayStarts;

	private Topology(Path directory) throws IOException {
		this.directory = directory;
		this.monolith = JavaProcess.jar(jar("figmart.monolith.jar"))
			.name("legacy-monolith")
			.jvmArgs("-Xmx512m", "-XX:TieredStopAtLevel=1")
			.args("--server.port=" + this.monolithPort,
					"--figmart.embedded-postgres.data-directory=" + directory.resolve("monolith-postgres"))
			.log(directory.resolve("monolith.log"))
			.readyWhen(URI.create(monolithUri() + "/actuator/health/readiness"))
			.readyTimeout(READY_TIMEOUT)
			.start();
		try {
			this.newTarget = new NewTargetServer(monolithUri());
			startGateway();
		}
		catch (RuntimeException | IOException ex) {
			close();
			throw ex;
		}
	}

	URI monolithUri() {
		return URI.create("http://127.0.0.1:" + this.monolithPort);
	}

	URI gatewayUri() {
		return URI.create("http://127.0.0.1:" + this.gatewayPort);
	}

	NewTargetServer newTarget() {
		return this.newTarget;
	}

	/** The gateway's local signing key, created by the gateway on its first start. */
	Path keyFile() {
		return this.directory.resolve("jwt-hs256.key");
	}

	/** Stops the gateway gracefully and starts it again on the same port and database. */
	void restartGateway() {
		if (!this.gateway.stop()) {
			throw new IllegalStateException("the gateway did not stop within its grace period");
		}
		startGateway();
	}

	private void startGateway() {
		List<String> args = new ArrayList<>(List.of("--server.port=" + this.gatewayPort,
				"--figmart.gateway.legacy-uri=" + monolithUri(),
				"--figmart.gateway.targets." + NewTargetServer.NAME + "=" + this.newTarget.uri(),
				"--figmart.embedded-postgres.data-directory=" + this.directory.resolve("gateway-postgres"),
				"--figmart.gateway.security.local-key-file=" + keyFile(),
				"--figmart.gateway.rate-limit.capacity=" + RATE_LIMIT_CAPACITY,
				"--figmart.gateway.rate-limit.refill-per-second=" + RATE_LIMIT_REFILL_PER_SECOND));
		args.addAll(seedRule(0, PRODUCT_RULE, "GET", "/api/catalog/products/*"));
		args.addAll(seedRule(1, CUSTOMER_RULE, "POST", "/api/customers"));
		this.gatewayStarts++;
		this.gateway = JavaProcess.jar(jar("figmart.gateway.jar"))
			.name("strangler-gateway")
			.jvmArgs("-Xmx512m", "-XX:TieredStopAtLevel=1")
			.args(args)
			.log(this.directory.resolve("gateway-" + this.gatewayStarts + ".log"))
			.readyWhen(URI.create(gatewayUri() + "/actuator/health/readiness"))
			.readyTimeout(READY_TIMEOUT)
			.stopGracePeriod(Duration.ofSeconds(30))
			.start();
	}

	private static List<String> seedRule(int index, String id, String method, String pattern) {
		String prefix = "--figmart.gateway.rules[" + index + "].";
		return List.of(prefix + "id=" + id, prefix + "methods=" + method, prefix + "pattern=" + pattern,
				prefix + "mode=LEGACY", prefix + "target=" + NewTargetServer.NAME);
	}

	@Override
	public void close() {
		// try-with-resources closes in reverse order: gateway, extracted service, monolith; null is skipped
		try (JavaProcess monolith = this.monolith; NewTargetServer newTarget = this.newTarget;
				JavaProcess gateway = this.gateway) {
			this.gateway = null;
		}
	}

	private static Path jar(String property) {
		String value = System.getProperty(property);
		if (value == null || !Files.isRegularFile(Path.of(value))) {
			throw new IllegalStateException("System property " + property + " must name a packaged jar (run through "
					+ "Failsafe after 'package'), was " + value);
		}
		return Path.of(value);
	}

	/**
	 * Gives test methods the {@link Topology}, started on first use and shared by every test class of the
	 * run.
	 */
	static final class Extension implements ParameterResolver {

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == Topology.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			return context.getRoot()
				.getStore(ExtensionContext.Namespace.create(Topology.class))
				.getOrComputeIfAbsent(Topology.class, (key) -> start(), Topology.class);
		}

		private static Topology start() {
			try {
				Path directory = Path.of("target", "e2e", Long.toString(System.currentTimeMillis()));
				Files.createDirectories(directory);
				return new Topology(directory.toAbsolutePath());
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot start the topology", ex);
			}
		}

	}

}
