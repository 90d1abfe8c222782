package com.figmart.strangler.gateway.store;

import java.util.ArrayList;
import java.util.List;

import com.figmart.strangler.gateway.GatewayClients;
import com.figmart.strangler.gateway.LiveRules;
import com.figmart.strangler.gateway.StranglerGatewayApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One gateway application, started in this JVM on a random port against a given database, as one of several
 * instances of a deployment.
 */
final class GatewayInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private GatewayInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static GatewayInstance start(String database, String legacyUri, String newUri, String... extraArguments) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--spring.main.banner-mode=off", "--server.shutdown=immediate", "--spring.datasource.url=" + database,
				"--figmart.gateway.security.enabled=false", "--figmart.gateway.legacy-uri=" + legacyUri,
				"--figmart.gateway.targets.catalog-service=" + newUri));
		arguments.addAll(List.of(extraArguments));
		return new GatewayInstance(
				new SpringApplicationBuilder(StranglerGatewayApplication.class).run(arguments.toArray(String[]::new)));
	}

	String baseUrl() {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	WebTestClient client() {
		return GatewayClients.at(baseUrl());
	}

	LiveRules liveRules() {
		return context.getBean(LiveRules.class);
	}

	RuleStore store() {
		return context.getBean(RuleStore.class);
	}

	<T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	@Override
	public void close() {
		context.close();
	}

}
