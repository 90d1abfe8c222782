package com.figmart.platform.postgres;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
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
	private static final ConcurrentMap<Path, ContextOwnedServer> servers = new ConcurrentHashMap<>();

	private final Log log;

	public EmbeddedPostgresEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(EmbeddedPostgresEnvironmentPostProcessor.class);
	}

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
		var server = servers.computeIfAbsent(dataDirectory, directory -> new ContextOwnedServer(
				EmbeddedPostgresServer.start(directory, port, EmbeddedPostgresServer.Durability.DURABLE, false)));
		server.server().stoppedStaleServer().ifPresent(pid -> log.warn("Stopped PostgreSQL (pid " + pid
				+ ") that a previous process had left running on " + dataDirectory));
		server.server().createDatabaseIfMissing(database);
		log.info("Embedded PostgreSQL: " + server.server().jdbcUrl(database) + " (data in " + dataDirectory + ")");
		environment.getPropertySources()
				.addFirst(new MapPropertySource("figmartEmbeddedPostgres", server.server().datasourceProperties(database)));
		application.addInitializers(context -> context.addBeanFactoryPostProcessor(new StopAfterDataSources(server)));
	}

	@Override
	public int getOrder() {
		// after ConfigDataEnvironmentPostProcessor, so application.yml can switch it on
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * A server whose life the application context owns: it is stopped when the context closes, after
	 * every DataSource (they depend on it), so no pool is left talking to a stopped server. A JVM
	 * shutdown hook stops it only if no context ever took it over (start-up failed early): a hook
	 * that always stopped it would race the context's own close.
	 */
	static final class ContextOwnedServer implements AutoCloseable {

		private final EmbeddedPostgresServer server;
		private final AtomicBoolean owned = new AtomicBoolean();

		ContextOwnedServer(EmbeddedPostgresServer server) {
			this.server = server;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				if (!owned.get()) {
					server.close();
				}
			}, "embedded-postgres-orphan-stop"));
		}

		EmbeddedPostgresServer server() {
			return server;
		}

		@Override
		public void close() {
			servers.remove(server.dataDirectory(), this);
			server.close();
		}
	}

	private record StopAfterDataSources(ContextOwnedServer server) implements BeanDefinitionRegistryPostProcessor {

		private static final String BEAN_NAME = "figmartEmbeddedPostgresServer";

		@Override
		public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
			var definition = new RootBeanDefinition(ContextOwnedServer.class, () -> {
				server.owned.set(true);
				return server;
			});
			definition.setDestroyMethodName("close");
			registry.registerBeanDefinition(BEAN_NAME, definition);
		}

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			for (var name : beanFactory.getBeanNamesForType(DataSource.class, true, false)) {
				var definition = beanFactory.getBeanDefinition(name);
				var dependsOn = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
				var extended = java.util.Arrays.copyOf(dependsOn, dependsOn.length + 1);
				extended[dependsOn.length] = BEAN_NAME;
				definition.setDependsOn(extended);
			}
		}
	}
}
