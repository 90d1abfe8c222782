package com.figmart.platform.postgres.test;

import com.figmart.platform.postgres.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringApplication;
import org.springframework.util.FileSystemUtils;

/**
 * One embedded PostgreSQL for the whole test JVM, with a fresh database handed to whoever asks.
 * Starting a server costs seconds; creating a database costs milliseconds.
 * <p>
 * On first use it also sets the system property {@code spring.datasource.url} to the server's
 * {@code postgres} database, so that no application started in a test JVM starts a server of its own.
 * <p>
 * The server stops when the JVM exits, after the application contexts the tests cached are closed: stopped
 * before them, every context's schedulers would wait on connections to a server that is gone, and the JVM
 * would outlive the test runner's patience.
 */
public final class SharedTestPostgres {

	/** How long the JVM's exit waits for Spring Boot to close the cached contexts. */
	private static final Duration CONTEXTS_CLOSE_WITHIN = Duration.ofSeconds(20);

	private static final AtomicInteger databases = new AtomicInteger();
	private static volatile EmbeddedPostgresServer server;

	private SharedTestPostgres() {
	}

	public static synchronized EmbeddedPostgresServer server() {
		if (server == null) {
			try {
				var directory = Files.createTempDirectory("figmart-test-postgres");
				var started = EmbeddedPostgresServer.start(directory, 0, EmbeddedPostgresServer.Durability.FAST, false);
				stopOnExit(started, directory);
				System.setProperty("spring.datasource.url", started.jdbcUrl("postgres"));
				System.setProperty("spring.datasource.username", started.username());
				server = started;
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return server;
	}

	/** Creates an empty database and returns its JDBC URL. */
	public static String freshDatabase() {
		var name = "test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
		server().createDatabaseIfMissing(name);
		return server().jdbcUrl(name);
	}

	private static void stopOnExit(EmbeddedPostgresServer started, Path directory) {
		var stopped = new AtomicBoolean();
		Runnable stop = () -> {
			if (stopped.compareAndSet(false, true)) {
				started.close();
				FileSystemUtils.deleteRecursively(directory.toFile());
			}
		};
		// Boot runs its shutdown handlers after it has closed every context it registered, when its hook runs
		SpringApplication.getShutdownHandlers().add(stop);
		// and in a JVM where no application ran, Boot has no hook: this one stops the server, after Boot's if any
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			awaitSpringBootShutdownHook();
			stop.run();
		}, "shared-test-postgres-shutdown"));
	}

	/** The JVM starts its shutdown hooks together, so Boot's may start a moment after this one. */
	private static void awaitSpringBootShutdownHook() {
		long deadline = System.nanoTime() + CONTEXTS_CLOSE_WITHIN.toNanos();
		try {
			Thread.sleep(100);
			for (Thread thread : Thread.getAllStackTraces().keySet()) {
				if (thread.getName().equals("SpringApplicationShutdownHook")) {
					thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
