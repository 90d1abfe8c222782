package com.figmart.strangler.gateway.shadow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import com.figmart.strangler.gateway.GatewayClients;
import com.figmart.strangler.gateway.SeedRules;
import com.figmart.strangler.gateway.shadow.JsonTestServer.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bounds of shadow traffic: one copy in flight at most and bodies of 1 KB at most here. Whatever is
 * beyond them is counted, never waited for, and the client always gets the monolith's answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "figmart.gateway.security.enabled=false", "figmart.gateway.rate-limit.enabled=false",
				"figmart.gateway.shadow.calibration-rate=0", "figmart.gateway.shadow.max-in-flight=1",
				"figmart.gateway.shadow.max-body-size=1KB" })
class ShadowLimitsTests {

	private static final String SMALL = "{\"ok\":true}";

	private static JsonTestServer legacy;

	private static JsonTestServer modern;

	@LocalServerPort
	private int port;

	@Autowired
	private ShadowReports reports;

	@Autowired
	private ShadowTraffic traffic;

	private WebTestClient client;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		legacy = JsonTestServer.start();
		modern = JsonTestServer.start();
		registry.add("figmart.gateway.legacy-uri", legacy::uri);
		registry.add("figmart.gateway.targets.modern", modern::uri);
		SeedRules.in(registry)
			.rule("busy", "", "/api/busy/**", "SHADOW", "modern", "shadow.mirror-unsafe-methods=true")
			.rule("uploads", "", "/api/uploads/**", "SHADOW", "modern", "shadow.mirror-unsafe-methods=true")
			.rule("large", "", "/api/large/**", "SHADOW", "modern", "shadow.mirror-unsafe-methods=true");
	}

	@AfterAll
	static void stopServers() {
		legacy.close();
		modern.close();
	}

	@BeforeEach
	void client() {
		this.client = GatewayClients.at(this.port);
	}

	@Test
	void dropsCopiesWhenTheQueueIsFullAndNeverMakesTheClientWait() {
		CountDownLatch newTargetMayAnswer = new CountDownLatch(1);
		legacy.answer("/api/busy", Answer.json(SMALL));
		modern.answer("/api/busy", Answer.json(SMALL).heldBy(newTargetMayAnswer));
		try {
			for (int i = 0; i < 3; i++) {
				this.client.get().uri("/api/busy/" + i).exchange().expectStatus().isOk().expectBody().json(SMALL);
			}
			ShadowSummary summary = this.reports.summary("busy").orElseThrow();
			assertThat(summary.dropped()).isEqualTo(2);
			assertThat(modern.received("/api/busy")).hasSize(1);
		}
		finally {
			newTargetMayAnswer.countDown();
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.reports.summary("busy").get().matched()).isEqualTo(1));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.traffic.inFlight() == 0);
	}

	@Test
	void requestBodiesLargerThanTheLimitAreNotMirrored() {
		legacy.answer("/api/uploads", Answer.json(SMALL));
		modern.answer("/api/uploads", Answer.json(SMALL));
		String large = "{\"data\":\"" + "x".repeat(2000) + "\"}";
		this.client.post()
			.uri("/api/uploads/declared")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(large)
			.exchange()
			.expectStatus()
			.isOk();
		Flux<DataBuffer> chunks = Flux.range(0, 4)
			.map((i) -> DefaultDataBufferFactory.sharedInstance.wrap("x".repeat(600).getBytes(StandardCharsets.UTF_8)));
		this.client.post()
			.uri("/api/uploads/chunked")
			.contentType(MediaType.TEXT_PLAIN)
			.body(chunks, DataBuffer.class)
			.exchange()
			.expectStatus()
			.isOk();
		this.client.post()
			.uri("/api/uploads/small")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(SMALL)
			.exchange()
			.expectStatus()
			.isOk();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			ShadowSummary summary = this.reports.summary("uploads").orElseThrow();
			assertThat(summary.ignoredBy()).containsEntry("request-too-large", 2L);
			assertThat(summary.matched()).isEqualTo(1);
		});
		assertThat(legacy.received("/api/uploads/chunked")).singleElement()
			.satisfies((r) -> assertThat(r.body()).hasSize(2400));
		assertThat(modern.received("/api/uploads")).singleElement()
			.satisfies((r) -> assertThat(r.path()).isEqualTo("/api/uploads/small"));
	}

	@Test
	void answersLargerThanTheLimitAreNotCompared() {
		String large = "{\"data\":\"" + "y".repeat(3000) + "\"}";
		legacy.answer("/api/large", Answer.json(large));
		modern.answer("/api/large", Answer.json(large));
		this.client.get().uri("/api/large/1").exchange().expectStatus().isOk().expectBody().json(large);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.reports.summary("large").orElseThrow().ignoredBy())
				.containsEntry("response-too-large", 1L));
	}

}
