package com.figmart.platform.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

class EmbeddedPostgresEnvironmentPostProcessorTests {

	final EmbeddedPostgresEnvironmentPostProcessor postProcessor = new EmbeddedPostgresEnvironmentPostProcessor(
			destination -> destination.get());

	@TempDir
	Path directory;

	@Test
	void startsNothingWhenADatasourceIsConfigured() {
		var environment = new MockEnvironment().withProperty("figmart.embedded-postgres.enabled", "true")
				.withProperty("figmart.embedded-postgres.data-directory", directory.toString())
				.withProperty("spring.datasource.url", "jdbc:postgresql://db.example.com/shop");

		postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example.com/shop");
		assertThat(directory).isEmptyDirectory();
	}

	@Test
	void startsNothingUnlessSwitchedOn() {
		var environment = new MockEnvironment().withProperty("figmart.embedded-postgres.data-directory", directory.toString());

		postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.datasource.url")).isNull();
		assertThat(directory).isEmptyDirectory();
	}

	@Test
	void startsADurableServerThatTheApplicationContextStops() throws Exception {
		var environment = new MockEnvironment().withProperty("figmart.embedded-postgres.enabled", "true")
				.withProperty("figmart.embedded-postgres.data-directory", directory.toString())
				.withProperty("figmart.embedded-postgres.database", "shop");
		var application = new SpringApplication();

		postProcessor.postProcessEnvironment(environment, application);

		var url = environment.getProperty("spring.datasource.url");
		assertThat(url).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/shop");
		try (var connection = DriverManager.getConnection(url, "postgres", "");
				var result = connection.createStatement().executeQuery("show synchronous_commit")) {
			result.next();
			assertThat(result.getString(1)).isEqualTo("on");
		}

		try (var context = new GenericApplicationContext()) {
			application.getInitializers().forEach(initializer -> initializer.initialize(cast(context)));
			context.refresh();
			assertThat(directory.resolve("postmaster.pid")).exists();
		}
		assertThat(directory.resolve("postmaster.pid")).as("stopped with the context").doesNotExist();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static <C extends org.springframework.context.ConfigurableApplicationContext> C cast(GenericApplicationContext context) {
		return (C) context;
	}
}
