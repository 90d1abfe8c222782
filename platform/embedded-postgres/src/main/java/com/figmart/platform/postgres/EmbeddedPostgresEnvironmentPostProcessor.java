package com.figmart.platform.postgres;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Makes an embedded PostgreSQL the default datasource: when {@code spring.datasource.url} is not set
 * and {@code figmart.embedded-postgres.enabled} is true, it starts a durable server on
 * {@code figmart.embedded-postgres.data-directory} before anything needs the database, and points
 * the datasource at it. With a datasource URL configured it does nothing at all.
 * <p>
 * It runs after the config data files are read, so the switch and the settings may come from
 * {@code application.yml}, the command line or the environment.
 */
public class EmbeddedPostgresEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PREFIX = "figmart.embedded-postgres.";

	/** One server per data directory and JVM, so an application restarted in-process finds its data. */
	private static final ConcurrentMap<Path, EmbeddedPostgresServer> servers = new ConcurrentHashMap<>();

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))
				|| !environment.getProperty(PREFIX + "enabled", Boolean.class, false)) {
			return;
		}
		var dataDirectory = Path.of(environment.getProperty(PREFIX + "data-directory", "data/postgres"))
				.toAbsolutePath().normalize();
		int port = environment.getProperty(PREFIX + "port", Integer.class, 0);
		var database = environment.getProperty(PREFIX + "database", "figmart");
		var server = servers.computeIfAbsent(dataDirectory, directory -> {
			var started = EmbeddedPostgresServer.start(directory, port, EmbeddedPostgresServer.Durability.DURABLE);
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-postgres-shutdown"));
			return started;
		});
		server.createDatabaseIfMissing(database);
		environment.getPropertySources()
				.addFirst(new MapPropertySource("figmartEmbeddedPostgres", server.datasourceProperties(database)));
	}

	@Override
	public int getOrder() {
		// after ConfigDataEnvironmentPostProcessor, so application.yml can switch it on
		return Ordered.LOWEST_PRECEDENCE;
	}
}
