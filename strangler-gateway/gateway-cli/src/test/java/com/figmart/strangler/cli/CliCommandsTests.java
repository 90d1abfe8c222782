package com.figmart.strangler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.figmart.strangler.cli.CliRunner.Result;
import com.figmart.strangler.cli.FakeGatewayAdminApi.Recorded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every command against a real HTTP server that implements the admin API contract ({@link FakeGatewayAdminApi}),
 * and every exit code.
 */
class CliCommandsTests {

	static final JsonMapper JSON = JsonMapper.shared();

	@TempDir
	Path directory;

	FakeGatewayAdminApi gateway;

	CliRunner cli;

	@BeforeEach
	void startGateway() throws IOException {
		this.gateway = new FakeGatewayAdminApi();
		Path keyFile = Files.writeString(this.directory.resolve("jwt-hs256.key"), this.gateway.keyFileContent());
		this.cli = new CliRunner().env("FIGMART_GATEWAY_URL", this.gateway.uri().toString())
			.env("FIGMART_GATEWAY_KEY_FILE", keyFile.toString())
			.env("USER", "alice");
	}

	@AfterEach
	void stopGateway() {
		this.gateway.close();
	}

	@Test
	void listsRulesAsATableSortedById() {
		this.gateway.seed("orders-read", "NEW", "order-service", "bob");
		this.gateway.seed("catalog-read", "CANARY(10)", "catalog-service", "carol");

		Result result = this.cli.run("rules", "list");

		assertThat(result.exitCode()).isZero();
		List<String> lines = result.out().lines().toList();
		assertThat(lines.get(0)).startsWith("ID").contains("METHODS", "PATTERN", "MODE", "TARGET", "VERSION");
		assertThat(lines.get(1)).startsWith("catalog-read").contains("GET", "/api/catalog-read/**", "CANARY(10)",
				"catalog-service", "carol");
		assertThat(lines.get(2)).startsWith("orders-read ").contains("NEW", "order-service");
		assertThat(lines.get(1).indexOf("CANARY(10)")).isEqualTo(lines.get(2).indexOf("NEW"));
		assertThat(result.err()).isEmpty();
	}

	@Test
	void mintsAnAdminTokenPerCommandFromTheKeyFileNamingTheUser() {
		this.cli.run("rules", "list");

		String authorization = this.gateway.lastRequest().authorization();
		assertThat(TestTokens.verify(this.gateway.key(), authorization)).isEqualTo("alice");
		assertThat(TestTokens.roles(authorization)).containsExactly("admin");
	}

	@Test
	void tokensMintedPerCommandNameTheConfiguredSubjectInTheAudit() {
		this.gateway.seed("catalog-read", "SHADOW", "catalog-service", "bob");

		this.cli.env("FIGMART_GATEWAY_SUBJECT", "release-bot").run("rules", "set-mode", "catalog-read", "NEW", "--reason", "r");

		assertThat(this.gateway.rule("catalog-read").path("updatedBy").asString()).isEqualTo("release-bot");
	}

	@Test
	void listsRulesAsJsonForScripts() {
		this.gateway.seed("catalog-read", "SHADOW", "catalog-service", "bob");

		Result result = this.cli.run("rules", "list", "--output", "json");

		assertThat(result.exitCode()).isZero();
		JsonNode json = JSON.readTree(result.out());
		assertThat(json.path("rules").get(0).path("id").asString()).isEqualTo("catalog-read");
		assertThat(json.path("rules").get(0).path("mode").asString()).isEqualTo("SHADOW");
	}

	@Test
	void saysSoWhenThereAreNoRules() {
		Result result = this.cli.run("rules", "list");

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("No rules");
	}

	@Test
	void showsOneRuleWithItsPolicy() {
		this.gateway.seed("catalog-read", "NEW", "catalog-service", "bob");

		Result result = this.cli.run("rules", "get", "catalog-read");

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).containsPattern("mode\\s+NEW").containsPattern("timeout\\s+PT2S")
			.containsPattern("fallbackToLegacy\\s+true").containsPattern("version\\s+1").containsPattern("guard\\s+none");
		assertThat(JSON.readTree(this.cli.run("rules", "get", "catalog-read", "-o", "json").out()).path("target").asString())
			.isEqualTo("catalog-service");
	}

	@Test
	void aMissingRuleExitsWithNotFound() {
		Result result = this.cli.run("rules", "get", "no-such-rule");

		assertThat(result.exitCode()).isEqualTo(GatewayCli.NOT_FOUND).isEqualTo(2);
		assertThat(result.err()).contains("404 Rule not found", "no rule with id no-such-rule",
				"type: https://figmart.dev/problems/rule-not-found");
		assertThat(result.out()).isEmpty();
	}

	@Test
	void createsARuleFromOptions() {
		Result result = this.cli.run("rules", "create", "--id", "catalog-read", "--methods", "get,HEAD", "--pattern",
				"/api/catalog/**", "--mode", "canary", "--percent", "10", "--target", "catalog-service", "--timeout", "2s",
				"--no-fallback", "--reason", "first canary");

		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).startsWith("created catalog-read  GET,HEAD /api/catalog/**  CANARY(10) -> catalog-service  (version 1, alice)");
		Recorded request = this.gateway.lastRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.pathAndQuery()).isEqualTo("/admin/api/rules");
		assertThat(request.body()).isEqualTo(JSON.readTree("""
				{"id": "catalog-read", "methods": ["GET", "HEAD"], "pattern": "/api/catalog/**", "mode": "CANARY(10)",
				 "target": "catalog-service", "policy": {"timeout": "PT2S", "fallbackToLegacy": false},
				 "reason": "first canary"}"""));
	}

	@Test
	void createsARuleWithAWholePolicyFromAFile() throws IOException {
		Path policy = Files.writeString(this.directory.resolve("policy.json"),
				"{\"guard\": {\"maxErrorRate\": 0.05, \"maxP99\": \"PT0.5S\", \"window\": \"PT10S\", \"minRequests\": 20}}");

		Result result = this.cli.run("rules", "create", "--id", "catalog-read", "--pattern", "/api/catalog/**", "--mode",
				"NEW", "--target", "catalog-service", "--policy", "@" + policy, "--reason", "guarded", "-o", "json");

		assertThat(result.exitCode()).as(result.err()).isZero();
		JsonNode sent = this.gateway.lastRequest().body();
		assertThat(sent.path("methods").isEmpty()).as("any method").isTrue();
		assertThat(sent.path("policy").path("guard").path("maxP99").asString()).isEqualTo("PT0.5S");
		assertThat(JSON.readTree(result.out()).path("version").asLong()).isEqualTo(1);
	}

	@Test
	void aChangeWithoutAReasonIsRefusedNamingTheField() {
		Result result = this.cli.run("rules", "create", "--id", "catalog-read", "--pattern", "/api/catalog/**",
				"--target", "catalog-service");

		assertThat(result.exitCode()).isEqualTo(GatewayCli.INVALID).isEqualTo(5);
		assertThat(result.err()).contains("400 Invalid rule", "field: reason: a change needs a reason");
	}

	@Test
	void printsEveryFieldOfAnErrorsList() {
		Result result = this.cli.run("rules", "create", "--id", "catalog-read", "--pattern", "/api/catalog/**",
				"--target", "unknown-service", "--reason", "try");

		assertThat(result.exitCode()).isEqualTo(GatewayCli.INVALID);
		assertThat(result.err()).contains("field: target: no target named unknown-service");
	}

	@Test
	void creatingAnExistingIdIsAConflict() {
		this.gateway.seed("catalog-read", "LEGACY", "catalog-service", "bob");

		Result result = this.cli.run("rules", "create", "--id", "catalog-read", "--pattern", "/api/catalog/**",
				"--target", "catalog-service", "--reason", "again");

		assertThat(result.exitCode()).isEqualTo(GatewayCli.CONFLICT).isEqualTo(3);
		assertThat(result.err()).contains("409 Rule exists", "a rule with id catalog-read exists", "the id is taken")
			.doesNotContain("--version");
	}

	@Test
	void setModeReadsTheCurrentVersionAndPatchesTheMode() {
		this.gateway.seed("catalog-read", "SHADOW", "catalog-service", "bob");

		Result result = this.cli.run("rules", "set-mode", "catalog-read", "canary", "--percent", "25", "--reason",
				"clean shadow week");

		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).contains("changed catalog-read", "CANARY(25)", "(version 2, alice)");
		List<Recorded> requests = this.gateway.requests();
		assertThat(requests).extracting(Recorded::method).containsExactly("GET", "PATCH");
		assertThat(requests.get(1).pathAndQuery()).isEqualTo("/admin/api/rules/catalog-read");
		assertThat(requests.get(1).body()).isEqualTo(
				JSON.readTree("{\"mode\": \"CANARY(25)\", \"version\": 1, \"reason\": \"clean shadow week\"}"));
		assertThat(this.gateway.rule("catalog-read").path("mode").asString()).isEqualTo("CANARY(25)");
	}

	@Test
	void setModeWithAStaleVersionReportsTheConflictAndChangesNothing() {
		this.gateway.seed("catalog-read", "SHADOW", "catalog-service", "bob");
		assertThat(this.cli.run("rules", "set-mode", "catalog-read", "NEW", "--reason", "go").exitCode()).isZero();

		Result result = this.cli.run("rules", "set-mode", "catalog-read", "LEGACY", "--version", "1", "--reason", "back");

		assertThat(result.exitCode()).isEqualTo(GatewayCli.CONFLICT);
		assertThat(result.err()).contains("409 Version conflict", "rule catalog-read is at version 2, not 1",
				"current version: 2 (the change was based on version 1)", "stored rule: catalog-read  GET /api/catalog-read/**  NEW -> catalog-service  (version 2, alice)",
				"nothing was changed", "--version 2");
		assertThat(this.gateway.lastRequest().method()).as("no read first when the version is given").isEqualTo("PATCH");
		assertThat(this.gateway.rule("catalog-read").path("mode").asString()).isEqualTo("NEW");
	}

	@Test
	void setModeNeedsAReasonBeforeAnythingIsSent() {
		Result result = this.cli.run("rules", "set-mode", "catalog-read", "NEW");

		assertThat(result.exitCode()).isEqualTo(GatewayCli.USAGE).isEqualTo(1);
		assertThat(result.err()).contains("Missing required option: '--reason=<reason>'", "rules set-mode --help");
		assertThat(this.gateway.requests()).isEmpty();
	}

	@Test
	void setModeOfAMissingRuleIsNotFound() {
		assertThat(this.cli.run("rules", "set-mode", "nope", "NEW", "--reason", "r").exitCode())
			.isEqualTo(GatewayCli.NOT_FOUND);
	}

	@Test
	void updateSendsTheWholeRuleWithWhatIsGivenChanged() {
		this.gateway.seed("catalog-read", "LEGACY", "catalog-service", "bob");

		Result result = this.cli.run("rules", "update", "catalog-read", "--target", "catalog-v2", "--timeout", "500ms",
				"--methods", "*", "--reason", "new service");

		assertThat(result.exitCode()).as(result.err()).isZero();
		Recorded put = this.gateway.lastRequest();
		assertThat(put.method()).isEqualTo("PUT");
		assertThat(put.body()).isEqualTo(JSON.readTree("""
				{"id": "catalog-read", "methods": [], "pattern": "/api/catalog-read/**", "mode": "LEGACY",
				 "target": "catalog-v2", "policy": {"timeout": "PT0.5S", "fallbackToLegacy": true},
				 "version": 1, "reason": "new service"}"""));
		assertThat(result.out()).contains("updated catalog-read", "(version 2, alice)");
	}

	@Test
	void updateWithPercentAloneChangesACanaryShare() {
		this.gateway.seed("catalog-read", "CANARY(10)", "catalog-service", "bob");

		Result result = this.cli.run("rules", "update", "catalog-read", "--percent", "50", "--no-fallback", "--reason", "more");

		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(this.gateway.rule("catalog-read").path("mode").asString()).isEqualTo("CANARY(50)");
		assertThat(this.gateway.rule("catalog-read").path("policy").path("fallbackToLegacy").asBoolean()).isFalse();
	}

	@Test
	void updateWithAStaleVersionIsAConflict() {
		this.gateway.seed("catalog-read", "LEGACY", "catalog-service", "bob");
		this.cli.run("rules", "set-mode", "catalog-read", "SHADOW", "--reason", "shadow first");

		Result result = this.cli.run("rules", "update", "catalog-read", "--mode", "NEW", "--version", "1", "--reason", "x");

		assertThat(result.exitCode()).isEqualTo(GatewayCli.CONFLICT);
		assertThat(result.err()).contains("current version: 2");
	}

	@Test
	void deleteReadsTheVersionAndSendsItWithTheReason() {
		this.gateway.seed("catalog-read", "LEGACY", "catalog-service", "bob");

		Result result = this.cli.run("rules", "delete", "catalog-read", "--reason", "back to the monolith & done");

		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).contains("deleted catalog-read (version 1)");
		assertThat(this.gateway.lastRequest().pathAndQuery())
			.isEqualTo("/admin/api/rules/catalog-read?version=1&reason=back+to+the+monolith+%26+done");
		assertThat(this.gateway.rule("catalog-read")).isNull();
		assertThat(this.cli.run("rules", "delete", "catalog-read", "--reason", "again").exitCode())
			.isEqualTo(GatewayCli.NOT_FOUND);
	}

	@Test
	void holdSendsTheLongestHoldAndTheReasonAndSaysWhetherWritesUnderWayAreDone() {
		this.gateway.seed("catalog-write", "LEGACY", "catalog-service", "bob");

		Result result = this.cli.run("rules", "hold", "catalog-write", "--max", "1.5s", "--reason", "write cutover");

		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).startsWith("held catalog-write until ").contains("(version 1)", "no write under way",
				"0 waiting");
		Recorded post = this.gateway.lastRequest();
		assertThat(post.method()).isEqualTo("POST");
		assertThat(post.pathAndQuery()).isEqualTo("/admin/api/rules/catalog-write/write-hold");
		assertThat(post.body()).isEqualTo(JSON.readTree("{\"maxHoldMillis\": 1500, \"reason\": \"write cutover\"}"));
		assertThat(this.gateway.rule("catalog-write").path("writeHold").path("heldBy").asString()).isEqualTo("alice");

		Result json = this.cli.run("rules", "hold", "catalog-write", "--reason", "again", "-o", "json");
		assertThat(JSON.readTree(json.out()).path("inFlightDrained").asBoolean()).isTrue();
		assertThat(this.gateway.lastRequest().body()).isEqualTo(JSON.readTree("{\"reason\": \"again\"}"));
	}

	@Test
	void holdLongerThanTheGatewayAllowsIsAnInvalidRequest() {
		this.gateway.seed("catalog-write", "LEGACY", "catalog-service", "bob");

		Result result = this.cli.run("rules", "hold", "catalog-write", "--max", "3s", "--reason", "too long");

		assertThat(result.exitCode()).isEqualTo(GatewayCli.INVALID);
		assertThat(result.err()).contains("maxHoldMillis");
		assertThat(this.cli.run("rules", "hold", "nope", "--reason", "r").exitCode()).isEqualTo(GatewayCli.NOT_FOUND);
	}

	@Test
	void releaseWithAModeReadsTheVersionAndSwitchesInTheSameStep() {
		this.gateway.seed("catalog-write", "LEGACY", "catalog-service", "bob");
		assertThat(this.cli.run("rules", "hold", "catalog-write", "--reason", "cutover").exitCode()).isZero();

		Result result = this.cli.run("rules", "release", "catalog-write", "--mode", "new", "--reason",
				"catalog is the system of record");

		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).contains("released catalog-write", "NEW", "(version 2, alice)");
		List<Recorded> requests = this.gateway.requests();
		assertThat(requests.get(requests.size() - 2).method()).isEqualTo("GET");
		assertThat(this.gateway.lastRequest().method()).isEqualTo("DELETE");
		assertThat(this.gateway.lastRequest().pathAndQuery()).isEqualTo(
				"/admin/api/rules/catalog-write/write-hold?reason=catalog+is+the+system+of+record&mode=NEW&version=1");
		assertThat(this.gateway.rule("catalog-write").path("writeHold").isNull()).isTrue();

		Result history = this.cli.run("rules", "history", "catalog-write");
		assertThat(history.out()).contains("RELEASE", "writes released", "HOLD", "writes held until");
	}

	@Test
	void releaseOfARuleThatIsNotHeldIsAConflictThatSaysSo() {
		this.gateway.seed("catalog-write", "LEGACY", "catalog-service", "bob");

		Result result = this.cli.run("rules", "release", "catalog-write", "--reason", "r");

		assertThat(result.exitCode()).isEqualTo(GatewayCli.CONFLICT);
		assertThat(result.err()).contains("409", "not held", "rules hold").doesNotContain("--version");
		assertThat(this.gateway.lastRequest().pathAndQuery())
			.isEqualTo("/admin/api/rules/catalog-write/write-hold?reason=r");
	}

	@Test
	void deleteWithAStaleVersionIsAConflict() {
		this.gateway.seed("catalog-read", "LEGACY", "catalog-service", "bob");

		Result result = this.cli.run("rules", "delete", "catalog-read", "--version", "7", "--reason", "r");

		assertThat(result.exitCode()).isEqualTo(GatewayCli.CONFLICT);
		assertThat(this.gateway.rule("catalog-read")).isNotNull();
	}

	@Test
	void ruleHistoryShowsChangesNewestFirstWithAutomaticRollbacks() {
		this.gateway.seed("catalog-read", "LEGACY", "catalog-service", "configuration");
		this.cli.run("rules", "set-mode", "catalog-read", "CANARY(10)", "--reason", "canary 10%");
		this.gateway.rollBack("catalog-read", JSON.createObjectNode().put("errorRate", 0.31).put("p99Millis", 812));

		Result result = this.cli.run("rules", "history", "catalog-read");

		assertThat(result.exitCode()).as(result.err()).isZero();
		List<String> lines = result.out().lines().toList();
		assertThat(lines.get(0)).startsWith("SEQ").contains("AT", "RULE", "ACTION", "CHANGE", "ACTOR", "REASON");
		assertThat(lines.get(1)).startsWith("3 ").contains("UPDATE", "CANARY(10) -> catalog-service => LEGACY -> catalog-service",
				"guard (automatic)", "guard broken [errorRate=0.31 p99Millis=812]");
		assertThat(lines.get(2)).startsWith("2 ").contains("LEGACY -> catalog-service => CANARY(10) -> catalog-service",
				"alice", "canary 10%");
		assertThat(lines.get(3)).startsWith("1 ").contains("CREATE", "created LEGACY -> catalog-service", "configuration");
		assertThat(this.gateway.lastRequest().pathAndQuery()).isEqualTo("/admin/api/rules/catalog-read/history");
	}

	@Test
	void historyOfAllRulesAsksForTheLimit() {
		this.gateway.seed("catalog-read", "LEGACY", "catalog-service", "bob");
		this.gateway.seed("orders-read", "LEGACY", "order-service", "bob");

		Result result = this.cli.run("history", "--limit", "1", "-o", "json");

		assertThat(result.exitCode()).isZero();
		assertThat(this.gateway.lastRequest().pathAndQuery()).isEqualTo("/admin/api/history?limit=1");
		assertThat(JSON.readTree(result.out()).path("changes")).hasSize(1);
		assertThat(this.cli.run("history").out()).contains("catalog-read", "orders-read");
		assertThat(this.gateway.lastRequest().pathAndQuery()).isEqualTo("/admin/api/history?limit=50");
	}

	@Test
	void shadowShowsTheSummaryPerRule() {
		Result result = this.cli.run("shadow");

		assertThat(result.exitCode()).as(result.err()).isZero();
		List<String> lines = result.out().lines().toList();
		assertThat(lines.get(0)).startsWith("RULE").contains("COMPARED", "MATCH", "MISMATCH", "NOISE", "EXCESS", "DELTA_P99_MS");
		assertThat(lines.get(1)).matches("catalog-read\\s+983\\s+99\\.7%\\s+0\\.31%\\s+0\\.0%\\s+0\\.31%\\s+12\\s+1\\s+0\\s+-1\\.3\\s+\\+4\\.5\\s+2026-11-25T10:00:00Z");
		assertThat(this.gateway.lastRequest().pathAndQuery()).isEqualTo("/admin/api/shadow");
	}

	@Test
	void shadowOfOneRuleShowsItsFiguresAndLastMismatches() {
		Result result = this.cli.run("shadow", "catalog-read");

		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).containsPattern("matchRate\\s+99\\.7%").containsPattern("ignoredBy\\s+unsafe-method=12")
			.contains("Last mismatches of the new target:", "GET /api/catalog/products?page=2  200 vs 200",
					"      $.products[3].price: 12.50 != 12.49", "Last A/A differences (the monolith against itself): none");
		assertThat(this.gateway.lastRequest().pathAndQuery()).isEqualTo("/admin/api/shadow/catalog-read");
		assertThat(this.cli.run("shadow", "nope").exitCode()).isEqualTo(GatewayCli.NOT_FOUND);
	}

	@Test
	void shadowResetStartsTheFiguresAfresh() {
		Result result = this.cli.run("shadow", "reset", "catalog-read");

		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(this.gateway.lastRequest().method()).isEqualTo("DELETE");
		assertThat(this.gateway.lastRequest().pathAndQuery()).isEqualTo("/admin/api/shadow/catalog-read");
	}

	@Test
	void withoutATokenTheGatewaySays401AndTheCliSaysHowToGetOne() {
		Result result = this.cli.withoutEnv("FIGMART_GATEWAY_KEY_FILE").run("rules", "list");

		assertThat(this.gateway.lastRequest().authorization()).isNull();
		assertThat(result.exitCode()).isEqualTo(GatewayCli.UNAUTHORIZED).isEqualTo(4);
		assertThat(result.err()).contains("401 Unauthorized", "--token", "FIGMART_GATEWAY_KEY_FILE");
	}

	@Test
	void aCustomerTokenIsForbidden() {
		String customer = TestTokens.sign(this.gateway.key(), "dave", List.of("customer"), Instant.now().plusSeconds(60));

		Result result = this.cli.run("--token", customer, "rules", "list");

		assertThat(result.exitCode()).isEqualTo(GatewayCli.UNAUTHORIZED);
		assertThat(result.err()).contains("403 Forbidden", "lacks the admin role");
	}

	@Test
	void aGivenTokenIsSentAsItIs() {
		String token = this.gateway.adminToken("erin");

		this.cli.withoutEnv("FIGMART_GATEWAY_KEY_FILE").env("FIGMART_GATEWAY_TOKEN", token).run("rules", "list");
		assertThat(this.gateway.lastRequest().authorization()).isEqualTo("Bearer " + token);

		String other = this.gateway.adminToken("frank");
		this.cli.run("rules", "list", "--token", other);
		assertThat(this.gateway.lastRequest().authorization()).as("--token wins over the environment")
			.isEqualTo("Bearer " + other);
	}

	@Test
	void anUnreachableGatewayExitsWith6() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}

		Result result = this.cli.run("--gateway", "http://127.0.0.1:" + closedPort, "rules", "list");

		assertThat(result.exitCode()).isEqualTo(GatewayCli.UNREACHABLE).isEqualTo(6);
		assertThat(result.err()).contains("cannot reach the gateway at http://127.0.0.1:" + closedPort, "connection refused");
	}

	@Test
	void theGatewayOptionWorksAfterTheCommandTooAndWinsOverTheEnvironment() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.cli.env("FIGMART_GATEWAY_URL", "http://127.0.0.1:" + closedPort);

		assertThat(this.cli.run("rules", "list", "--gateway", this.gateway.uri().toString()).exitCode()).isZero();
		assertThat(this.cli.run("--gateway", this.gateway.uri() + "/", "rules", "list").exitCode()).isZero();
		assertThat(this.cli.run("rules", "list").exitCode()).isEqualTo(GatewayCli.UNREACHABLE);
	}

	@Test
	void anyOtherErrorAnswerExitsWith7() {
		this.gateway.failNextWith(503);

		Result result = this.cli.run("rules", "list");

		assertThat(result.exitCode()).isEqualTo(GatewayCli.GATEWAY_ERROR).isEqualTo(7);
		assertThat(result.err()).contains("503 Injected failure", "the fake was told to fail this request");
	}

}
