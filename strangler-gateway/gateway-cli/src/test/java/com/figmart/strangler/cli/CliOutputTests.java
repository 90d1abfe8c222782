package com.figmart.strangler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;

import com.figmart.strangler.cli.AdminClient.GatewayProblem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** How answers look to people: tables, one-line summaries, changes, problems. */
class CliOutputTests {

	static final JsonMapper JSON = JsonMapper.shared();

	static final String RULE = """
			{"id": "catalog-read", "methods": ["GET"], "pattern": "/api/catalog/**", "mode": "CANARY(10)",
			 "target": "catalog-service", "policy": {"timeout": "PT2S", "fallbackToLegacy": true,
			 "shadow": {"ignoredPaths": ["$..id", "$.generatedAt"], "unorderedArrays": ["$.products"], "mirrorUnsafeMethods": false},
			 "guard": {"maxErrorRate": 0.05, "maxP99": "PT0.5S", "window": "PT10S", "minRequests": 20}},
			 "version": 3, "updatedAt": "2026-11-25T10:15:30.123Z", "updatedBy": "alice"}""";

	@Test
	void tablesAlignColumnsAndShowMissingValuesAsADash() {
		String printed = print((out) -> new Table("ID", "MODE", "BY").row("a", "NEW", null).row("longer-id", "", "bob").print(out));

		assertThat(printed.lines()).containsExactly("ID         MODE  BY", "a          NEW   -", "longer-id  -     bob");
	}

	@Test
	void aRuleListIsOneRowPerRuleAndAnyMethodIsAStar() {
		JsonNode rules = JSON.readTree("[" + RULE + ", {\"id\": \"all\", \"methods\": [], \"pattern\": \"/**\", "
				+ "\"mode\": \"LEGACY\", \"target\": \"x\", \"version\": 1}]");

		String printed = print((out) -> Rules.printTable(out, rules));

		assertThat(printed.lines()).hasSize(3);
		assertThat(printed.lines().skip(1)).first().asString()
			.matches("catalog-read\\s+GET\\s+/api/catalog/\\*\\*\\s+CANARY\\(10\\)\\s+catalog-service\\s+3\\s+2026-11-25T10:15:30.123Z\\s+alice");
		assertThat(printed.lines().skip(2)).first().asString().matches("all\\s+\\*\\s+/\\*\\*\\s+LEGACY\\s+x\\s+1\\s+-\\s+-");
	}

	@Test
	void oneRuleShowsItsWholePolicy() {
		String printed = print((out) -> Rules.printRule(out, JSON.readTree(RULE)));

		assertThat(printed).containsPattern("shadow.ignoredPaths\\s+\\$\\.\\.id,\\$\\.generatedAt")
			.containsPattern("shadow.unorderedArrays\\s+\\$\\.products")
			.containsPattern("guard\\s+maxErrorRate=0.05 maxP99=PT0.5S window=PT10S minRequests=20");
	}

	@Test
	void aSummaryIsOneLine() {
		assertThat(Rules.summary(JSON.readTree(RULE)))
			.isEqualTo("catalog-read  GET /api/catalog/**  CANARY(10) -> catalog-service  (version 3, alice)");
	}

	@Test
	void changesSayWhatMovedWhere() {
		JsonNode rule = JSON.readTree(RULE);
		JsonNode created = JSON.createObjectNode().putNull("from").set("to", rule);
		JsonNode deleted = JSON.createObjectNode().<ObjectNode>set("from", rule).putNull("to");
		ObjectNode after = (ObjectNode) rule.deepCopy();
		after.put("mode", "LEGACY").put("pattern", "/api/catalog/products/**");
		JsonNode updated = JSON.createObjectNode().<ObjectNode>set("from", rule).set("to", after);

		assertThat(Rules.describeChange(created)).isEqualTo("created CANARY(10) -> catalog-service");
		assertThat(Rules.describeChange(deleted)).isEqualTo("deleted CANARY(10) -> catalog-service");
		assertThat(Rules.describeChange(updated))
			.isEqualTo("CANARY(10) -> catalog-service => LEGACY -> catalog-service, pattern changed");
	}

	@Test
	void aConflictSaysWhereTheRuleIsNowAndHowToRetry() {
		JsonNode body = JSON.readTree("{\"type\": \"https://figmart.dev/problems/version-conflict\", \"title\": \"Version conflict\","
				+ " \"status\": 409, \"detail\": \"rule catalog-read changed since version 2\", \"ruleId\": \"catalog-read\","
				+ " \"version\": 2, \"currentVersion\": 3,"
				+ " \"rule\": " + RULE + "}");

		assertThat(Failures.describe(new GatewayProblem("PATCH /admin/api/rules/catalog-read", 409, body, "")))
			.containsExactly("figmart-gateway: 409 Version conflict", "  rule catalog-read changed since version 2",
					"  current version: 3 (the change was based on version 2)",
					"  stored rule: catalog-read  GET /api/catalog/**  CANARY(10) -> catalog-service  (version 3, alice)",
					"  nothing was changed: check the stored rule, then retry with --version 3 (or without --version to base the change on the latest)",
					"  type: https://figmart.dev/problems/version-conflict");
	}

	@Test
	void aValidationProblemNamesEachFieldOfItsErrorsAndKeepsOtherMembers() {
		JsonNode body = JSON.readTree("{\"title\": \"Invalid rule\", \"status\": 400, \"field\": \"pattern\","
				+ " \"errors\": [{\"field\": \"pattern\", \"message\": \"must start with /\"},"
				+ " {\"field\": \"policy.guard.window\", \"message\": \"at least 1s\"}, \"plain\"], \"requestId\": \"r-1\"}");

		assertThat(Failures.describe(new GatewayProblem("POST /admin/api/rules", 400, body, "")))
			.containsExactly("figmart-gateway: 400 Invalid rule", "  field: pattern: must start with /",
					"  field: policy.guard.window: at least 1s", "  error: plain", "  requestId: r-1");
	}

	@Test
	void aValidationProblemWithoutAListNamesItsField() {
		JsonNode body = JSON.readTree("{\"title\": \"Bad Request\", \"status\": 400, \"detail\": \"reason is blank\","
				+ " \"field\": \"reason\"}");

		assertThat(Failures.describe(new GatewayProblem("PATCH /admin/api/rules/a", 400, body, "")))
			.containsExactly("figmart-gateway: 400 Bad Request", "  reason is blank", "  field: reason");
	}

	@Test
	void aDetailThatRepeatsTheFirstErrorIsSaidOnce() {
		JsonNode body = JSON.readTree("""
				{"type": "https://figmart.dev/problems/invalid-rule", "title": "Invalid request", "status": 400,
				 "detail": "target: unknown target 'nope'", "field": "target",
				 "errors": [{"field": "target", "message": "unknown target 'nope'"}]}""");

		assertThat(Failures.describe(new GatewayProblem("POST /admin/api/rules", 400, body, "")))
			.containsExactly("figmart-gateway: 400 Invalid request", "  field: target: unknown target 'nope'",
					"  type: https://figmart.dev/problems/invalid-rule");
	}

	@Test
	void aConflictThatSaysNothingChangedIsNotToldTwice() {
		JsonNode body = JSON.readTree("""
				{"title": "Version conflict", "status": 409, "currentVersion": 2, "version": 1,
				 "detail": "rule 'a' is at version 2; nothing was changed: read the rule again"}""");

		assertThat(Failures.describe(new GatewayProblem("PATCH /admin/api/rules/a", 409, body, "")))
			.containsExactly("figmart-gateway: 409 Version conflict",
					"  rule 'a' is at version 2; nothing was changed: read the rule again",
					"  current version: 2 (the change was based on version 1)",
					"  check the stored rule, then retry with --version 2 (or without --version to base the change on the latest)");
	}

	@Test
	void anAnswerWithoutAProblemBodyShowsWhatCame() {
		assertThat(Failures.describe(new GatewayProblem("GET /admin/api/rules", 502, null, "<html>bad gateway</html>")))
			.containsExactly("figmart-gateway: 502 Bad Gateway", "  <html>bad gateway</html>");
	}

	@Test
	void statusesMapToTheDocumentedExitCodes() {
		assertThat(Failures.exitCode(400)).isEqualTo(5);
		assertThat(Failures.exitCode(401)).isEqualTo(4);
		assertThat(Failures.exitCode(403)).isEqualTo(4);
		assertThat(Failures.exitCode(404)).isEqualTo(2);
		assertThat(Failures.exitCode(409)).isEqualTo(3);
		assertThat(Failures.exitCode(429)).isEqualTo(7);
		assertThat(Failures.exitCode(500)).isEqualTo(7);
	}

	private static String print(Consumer<PrintWriter> printer) {
		StringWriter text = new StringWriter();
		printer.accept(new PrintWriter(text));
		return text.toString();
	}

}
