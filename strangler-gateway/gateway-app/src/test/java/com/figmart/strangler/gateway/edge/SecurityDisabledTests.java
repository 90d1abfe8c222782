package com.figmart.strangler.gateway.edge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.figmart.strangler.gateway.EchoServer;
import com.figmart.strangler.gateway.GatewayClients;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code figmart.gateway.security.enabled=false} opens everything, says so at start, and touches no key.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "figmart.gateway.security.enabled=false")
class SecurityDisabledTests {

	private static EchoServer legacy;

	private static Path localKeyFile;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		legacy = EchoServer.start("legacy");
		localKeyFile = Files.createTempDirectory("security-disabled-tests").resolve("jwt.key");
		registry.add("figmart.gateway.legacy-uri", legacy::uri);
		registry.add("figmart.gateway.security.local-key-file", localKeyFile::toString);
	}

	@AfterAll
	static void stopUpstream() {
		legacy.close();
	}

	@Test
	void letsEveryoneThroughAndStillLimitsRateAndStripsTheAdminCookie() {
		WebTestClient client = GatewayClients.at(this.port);
		client.get().uri("/api/orders/1").exchange().expectStatus().isOk().expectHeader().exists("RateLimit-Remaining");
		// no token needed: the admin API itself answers (that the deletion lacks a version)
		client.delete().uri("/admin/api/rules/r1").exchange().expectStatus().isBadRequest();
		client.get().uri("/api/any").header(HttpHeaders.AUTHORIZATION, "Bearer not-checked")
			.cookie(EdgeSecurity.ADMIN_COOKIE, "x").exchange().expectStatus().isOk();
		assertThat(legacy.lastTo("/api/any").header("Cookie")).isNull();
		assertThat(localKeyFile).doesNotExist();
	}

	@Test
	void warnsAtStart(CapturedOutput output) {
		// the output is captured from before the class, so it holds the start of the application
		assertThat(output.getAll()).contains("figmart.gateway.security.enabled=false: the gateway checks no token");
	}

}
