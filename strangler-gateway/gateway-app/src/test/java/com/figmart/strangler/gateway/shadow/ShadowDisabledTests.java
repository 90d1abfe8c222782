package com.figmart.strangler.gateway.shadow;


import com.figmart.strangler.gateway.GatewayClients;
import com.figmart.strangler.gateway.SeedRules;
import com.figmart.strangler.gateway.shadow.JsonTestServer.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code figmart.gateway.shadow.enabled=false} a SHADOW rule behaves like LEGACY. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "figmart.gateway.security.enabled=false", "figmart.gateway.rate-limit.enabled=false",
				"figmart.gateway.shadow.enabled=false" })
class ShadowDisabledTests {

	private static JsonTestServer legacy;

	private static JsonTestServer modern;

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		legacy = JsonTestServer.start();
		modern = JsonTestServer.start();
		registry.add("figmart.gateway.legacy-uri", legacy::uri);
		registry.add("figmart.gateway.targets.modern", modern::uri);
		SeedRules.in(registry).rule("catalog", "", "/api/catalog/**", "SHADOW", "modern");
	}

	@AfterAll
	static void stopServers() {
		legacy.close();
		modern.close();
	}

	@Test
	void shadowRulesOnlyReachTheMonolithAndReportsStayEmpty() {
		legacy.answer("/api/catalog", Answer.json("{\"ok\":true}"));
		WebTestClient client = GatewayClients.at(this.port);
		client.get().uri("/api/catalog/1").exchange().expectStatus().isOk().expectBody().json("{\"ok\":true}");
		client.get().uri("/admin/api/shadow").exchange().expectStatus().isOk().expectBody().json("{\"rules\":[]}");

		assertThat(this.context.getBeansOfType(ShadowFilter.class)).isEmpty();
		assertThat(this.context.getBean(ShadowReports.class).summaries()).isEmpty();
		assertThat(legacy.received("/api/catalog")).hasSize(1);
		assertThat(modern.received("/")).isEmpty();
	}

}
