package com.figmart.legacy;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole monolith started in the test's JVM on a free port and the given database, for tests of what happens
 * across a run of it (or two runs on one database).
 */
record RunningMonolith(ConfigurableApplicationContext context) implements AutoCloseable {

	static RunningMonolith start(String database, List<Class<?>> extraSources, String... args) {
		var application = LegacyMonolith.application();
		application.addPrimarySources(extraSources);
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database,
				"--spring.main.banner-mode=off"));
		arguments.addAll(List.of(args));
		return new RunningMonolith(application.run(arguments.toArray(String[]::new)));
	}

	HttpClient http() {
		return new HttpClient(((WebServerApplicationContext) this.context).getWebServer().getPort());
	}

	/** Events whose transaction committed and that some listener or externalization has yet to complete. */
	long outstandingPublications() {
		return this.context.getBean(JdbcClient.class)
			.sql("select count(*) from modulith.event_publication where completion_date is null")
			.query(Long.class)
			.single();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
