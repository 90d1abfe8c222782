package com.figmart.platform.postgres.test;

import com.figmart.platform.postgres.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.util.FileSystemUtils;

/**
 * One embedded PostgreSQL for the whole test JVM, with a fresh database handed to whoever asks.
 * Starting a server costs seconds; creating a database costs milliseconds.
 * <p>
 * On first use it also sets the system property {@code spring.datasource.url} to the server's
 * {@code postgres} database, so that no application started in a test JVM starts a server of its own.
 */
public final class SharedTestPostgres {

	private static final AtomicInteger databases = new AtomicInteger();
	private static volatile EmbeddedPostgresServer server;

	private SharedTestPostgres() {
	}

	public static synchronized EmbeddedPostgresServer server() {
		if (server == null) {
			try {
				var directory = Files.createTempDirectory("figmart-test-postgres");
				var started = EmbeddedPostgresServer.start(directory, 0, EmbeddedPostgresServer.Durability.FAST);
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					started.close();
					FileSystemUtils.deleteRecursively(directory.toFile());
				}, "shared-test-postgres-shutdown"));
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
}
