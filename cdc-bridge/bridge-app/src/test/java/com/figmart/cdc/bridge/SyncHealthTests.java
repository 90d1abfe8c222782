package com.figmart.cdc.bridge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Health turns DOWN, with the reason, once a slot retains more WAL than the threshold. The heartbeat is
 * slowed down to a minute here so that nothing moves the slot while other tables are written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SyncHealthTests {

	private static final CatalogDatabases databases = new CatalogDatabases();

	private static final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void databases(DynamicPropertyRegistry registry) {
		registry.add("figmart.cdc.name", () -> "health_" + ProcessHandle.current().pid());
		registry.add("figmart.cdc.source.url", () -> databases.legacyUrl);
		registry.add("figmart.cdc.target.url", () -> databases.newUrl);
		registry.add("figmart.cdc.reverse", () -> "false");
		registry.add("figmart.cdc.wal-down-threshold", () -> "2MB");
		registry.add("figmart.cdc.engine.heartbeat-interval", () -> "60s");
	}

	@Test
	void aSlotHoldingMoreWalThanTheThresholdTurnsHealthDownWithTheReason() throws Exception {
		await().atMost(Duration.ofSeconds(60)).until(() -> health().statusCode() == 200);

		CatalogDatabases.execute(databases.legacyUrl, """
				create table public.noise (id bigserial primary key, filler text);
				insert into public.noise (filler) select repeat(md5(g::text), 20) from generate_series(1, 20000) g""");

		await().atMost(Duration.ofSeconds(30)).until(() -> health().statusCode() == 503);
		var body = JsonMapper.builder().build().readTree(health().body());
		assertThat(body.at("/components/cdc/status").asString()).isEqualTo("DOWN");
		assertThat(body.at("/components/cdc/details/reason").asString()).contains("retains").contains("more than the threshold of 2097152 bytes");
	}

	@Test
	void aThresholdOfOneGibibyteOrMoreIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CdcBridgeProperties("x", null, null, List.of(), true,
				null, DataSize.ofGigabytes(1), Duration.ofSeconds(60), Duration.ofSeconds(5), 100))
			.withMessageContaining("below 1GB");
		assertThat(new CdcBridgeProperties("x", null, null, null, true, null, DataSize.ofMegabytes(1023),
				Duration.ofSeconds(60), Duration.ofSeconds(5), 100).mappings()).isEmpty();
	}

	private HttpResponse<String> health() throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health"))
			.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}
}
