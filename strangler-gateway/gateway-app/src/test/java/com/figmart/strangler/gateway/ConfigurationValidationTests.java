package com.figmart.strangler.gateway;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.figmart.platform.postgres.test.SharedTestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad configuration stops the gateway at start with a message naming the offending property.
 */
class ConfigurationValidationTests {

	private static final Targets TARGETS = new Targets(URI.create("http://127.0.0.1:8081"),
			Map.of("catalog", URI.create("http://127.0.0.1:9001")));

	@Test
	void unknownTargetIsRejected() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ConfiguredRules.toRules(List.of(rule("r1", "/api/**", "NEW", "nope")), TARGETS))
			.withMessageContaining("figmart.gateway.rules[0] (id 'r1')")
			.withMessageContaining("unknown target 'nope'")
			.withMessageContaining("[catalog]");
	}

	@Test
	void invalidPatternIsRejected() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ConfiguredRules.toRules(
					List.of(rule("ok", "/a", "NEW", "catalog"), rule("bad", "/api/**/x", "NEW", "catalog")), TARGETS))
			.withMessageStartingWith("figmart.gateway.rules[1] (id 'bad'): ")
			.withMessageContaining("**");
	}

	@Test
	void invalidModeAndDuplicateIdAreRejected() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ConfiguredRules.toRules(List.of(rule("r", "/a", "CANARY(101)", "catalog")), TARGETS))
			.withMessageContaining("between 0 and 100");
		assertThatIllegalStateException()
			.isThrownBy(() -> ConfiguredRules.toRules(
					List.of(rule("r", "/a", "NEW", "catalog"), rule("r", "/b", "NEW", "catalog")), TARGETS))
			.withMessageContaining("duplicate rule id 'r'");
	}

	@Test
	void targetUrisMustOnlyNameSchemeHostAndPort() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new Targets(URI.create("http://127.0.0.1:8081"),
					Map.of("catalog", URI.create("http://127.0.0.1:9001/base"))))
			.withMessageContaining("figmart.gateway.targets.catalog");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Targets(URI.create("ftp://127.0.0.1"), Map.of()))
			.withMessageContaining("figmart.gateway.legacy-uri");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Targets(URI.create("http://127.0.0.1:8081"),
					Map.of("legacy", URI.create("http://127.0.0.1:9001"))))
			.withMessageContaining("reserved");
		assertThat(new Targets(URI.create("http://127.0.0.1:8081"), Map.of("svc", URI.create("lb://svc"))).uriOf("svc"))
			.hasScheme("lb");
	}

	@Test
	void applicationDoesNotStartWithAnUnknownTarget() {
		SpringApplication app = new SpringApplicationBuilder(StranglerGatewayApplication.class).build();
		assertThatThrownBy(() -> app.run("--server.port=0", "--spring.main.banner-mode=off",
				"--spring.datasource.url=" + SharedTestPostgres.freshDatabase(),
				"--figmart.gateway.targets.catalog=http://127.0.0.1:9001", "--figmart.gateway.rules[0].id=r1",
				"--figmart.gateway.rules[0].pattern=/api/**", "--figmart.gateway.rules[0].mode=NEW",
				"--figmart.gateway.rules[0].target=catalgo"))
			.rootCause()
			.hasMessageContaining("figmart.gateway.rules[0] (id 'r1'): unknown target 'catalgo'");
	}

	private static GatewayRoutingProperties.Rule rule(String id, String pattern, String mode, String target) {
		return new GatewayRoutingProperties.Rule(id, List.of(), pattern, mode, target, null, null, null, null);
	}

}
