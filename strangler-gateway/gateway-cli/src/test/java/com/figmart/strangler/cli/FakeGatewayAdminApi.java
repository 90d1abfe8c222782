package com.figmart.strangler.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test fake of the gateway's admin API: the contract of {@code docs/gateway-admin-api.md} kept in memory, on a
 * real socket (127.0.0.1, a free port), with bearer tokens checked against its own HS256 key the way the gateway
 * checks them ({@link TestTokens}). Not the gateway: just enough of it to drive every command and exit code.
 */
final class FakeGatewayAdminApi implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Pattern RULE_PATH = Pattern.compile("/admin/api/rules/([^/]+)(/history|/write-hold)?");

	private static final List<String> MODES = List.of("LEGACY", "SHADOW", "NEW");

	private final HttpServer server;

	private final byte[] key = new byte[32];

	private final Map<String, ObjectNode> rules = new TreeMap<>();

	private final List<ObjectNode> changes = new ArrayList<>();

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private volatile Integer failNextWith;

	/** One request as the fake received it. */
	record Recorded(String method, String pathAndQuery, String authorization, JsonNode body) {
	}

	FakeGatewayAdminApi() {
		new SecureRandom().nextBytes(this.key);
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/admin/api", this::handle);
		this.server.start();
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** The key file content the gateway would write: one line of base64. */
	String keyFileContent() {
		return Base64.getEncoder().encodeToString(this.key) + "\n";
	}

	byte[] key() {
		return this.key.clone();
	}

	/** A valid token for this fake. */
	String adminToken(String subject) {
		return TestTokens.sign(this.key, subject, List.of("admin"), Instant.now().plusSeconds(600));
	}

	List<Recorded> requests() {
		return this.requests;
	}

	Recorded lastRequest() {
		return this.requests.get(this.requests.size() - 1);
	}

	/** The next request is answered with this status and a problem body, whatever it asks. */
	void failNextWith(int status) {
		this.failNextWith = status;
	}

	/** Stores a rule as if created by {@code actor}, audited. */
	synchronized ObjectNode seed(String id, String mode, String target, String actor) {
		ObjectNode rule = JSON.createObjectNode();
		rule.put("id", id);
		rule.putArray("methods").add("GET");
		rule.put("pattern", "/api/" + id + "/**");
		rule.put("mode", mode);
		rule.put("target", target);
		rule.putObject("policy").put("timeout", "PT2S").put("fallbackToLegacy", true);
		store(rule, 1, actor);
		audit(id, "CREATE", null, rule, actor, false, "seeded", null);
		return rule;
	}

	/** An automatic rollback, as the guard records it. */
	synchronized void rollBack(String id, ObjectNode measurements) {
		ObjectNode before = this.rules.get(id);
		ObjectNode after = before.deepCopy();
		after.put("mode", "LEGACY");
		store(after, before.get("version").asLong() + 1, "guard");
		audit(id, "UPDATE", before, after, "guard", true, "guard broken", measurements);
	}

	synchronized ObjectNode rule(String id) {
		return this.rules.get(id);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			URI uri = exchange.getRequestURI();
			byte[] bytes = exchange.getRequestBody().readAllBytes();
			JsonNode body = (bytes.length == 0) ? null : JSON.readTree(bytes);
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			this.requests.add(new Recorded(method, uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : ""),
					authorization, body));
			Answer answer = answer(method, uri, body, authorization);
			if (answer.location != null) {
				exchange.getResponseHeaders().add("Location", answer.location);
			}
			if (answer.body == null) {
				exchange.sendResponseHeaders(answer.status, -1);
				return;
			}
			byte[] json = JSON.writeValueAsBytes(answer.body);
			exchange.getResponseHeaders()
				.add("Content-Type", (answer.status >= 400) ? "application/problem+json" : "application/json");
			exchange.sendResponseHeaders(answer.status, json.length);
			exchange.getResponseBody().write(json);
		}
	}

	private record Answer(int status, JsonNode body, String location) {

		static Answer of(int status, JsonNode body) {
			return new Answer(status, body, null);
		}

	}

	private synchronized Answer answer(String method, URI uri, JsonNode body, String authorization) {
		Integer failure = this.failNextWith;
		if (failure != null) {
			this.failNextWith = null;
			return problem(failure, "failure", "Injected failure", "the fake was told to fail this request");
		}
		String subject = TestTokens.verify(this.key, authorization);
		if (subject == null) {
			return problem(401, "unauthorized", "Unauthorized", "a valid bearer token is required");
		}
		if (!TestTokens.roles(authorization).contains("admin")) {
			return problem(403, "forbidden", "Forbidden", "the admin role is required");
		}
		String path = uri.getRawPath();
		Map<String, String> query = query(uri.getRawQuery());
		if (path.equals("/admin/api/rules")) {
			if (method.equals("GET")) {
				ObjectNode list = JSON.createObjectNode();
				this.rules.values().forEach(list.putArray("rules")::add);
				return Answer.of(200, list);
			}
			if (method.equals("POST")) {
				return create(body, subject);
			}
		}
		if (path.equals("/admin/api/history") && method.equals("GET")) {
			int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
			return Answer.of(200, changes(null, limit));
		}
		if (path.equals("/admin/api/shadow") && method.equals("GET")) {
			ObjectNode shadow = JSON.createObjectNode();
			shadow.putArray("rules").add(shadowSummary("catalog-read"));
			return Answer.of(200, shadow);
		}
		if (path.startsWith("/admin/api/shadow/")) {
			String ruleId = URLDecoder.decode(path.substring("/admin/api/shadow/".length()), StandardCharsets.UTF_8);
			if (!ruleId.equals("catalog-read")) {
				ObjectNode problem = problemBody(404, "unknown-rule", "Unknown rule",
						"no rule '" + ruleId + "' and no shadow figures for it");
				problem.put("ruleId", ruleId);
				return Answer.of(404, problem);
			}
			if (method.equals("DELETE")) {
				return Answer.of(204, null);
			}
			ObjectNode report = JSON.createObjectNode();
			report.set("summary", shadowSummary(ruleId));
			ObjectNode mismatch = report.putArray("mismatches").addObject();
			mismatch.put("at", "2026-11-25T10:15:30.123Z").put("method", "GET").put("path", "/api/catalog/products?page=2")
				.put("calibration", false).put("legacyStatus", 200).put("newStatus", 200);
			mismatch.putArray("differences").add("$.products[3].price: 12.50 != 12.49");
			mismatch.put("legacyBody", "{}").put("newBody", "{}");
			report.putArray("noise");
			return Answer.of(200, report);
		}
		Matcher matcher = RULE_PATH.matcher(path);
		if (!matcher.matches()) {
			return problem(404, "not-found", "Not Found", "no such resource: " + path);
		}
		String id = URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
		ObjectNode stored = this.rules.get(id);
		if (matcher.group(2) != null && method.equals("GET")) {
			return (stored == null && changes(id, Integer.MAX_VALUE).path("changes").isEmpty())
					? notFound(id) : Answer.of(200, changes(id, Integer.MAX_VALUE));
		}
		if (stored == null) {
			return notFound(id);
		}
		if ("/write-hold".equals(matcher.group(2))) {
			return method.equals("POST") ? hold(stored, body, subject) : release(stored, query, subject);
		}
		switch (method) {
			case "GET":
				return Answer.of(200, stored);
			case "PUT":
			case "PATCH":
				return change(method, stored, body, subject);
			case "DELETE":
				return delete(stored, query, subject);
			default:
				return problem(405, "method-not-allowed", "Method Not Allowed", method);
		}
	}

	private Answer create(JsonNode body, String subject) {
		Answer invalid = validate(body, false);
		if (invalid != null) {
			return invalid;
		}
		String id = body.get("id").asString();
		if (this.rules.containsKey(id)) {
			ObjectNode problem = problemBody(409, "rule-exists", "Rule exists", "a rule with id " + id + " exists");
			problem.put("ruleId", id);
			problem.put("field", "id");
			problem.put("currentVersion", this.rules.get(id).get("version").asLong());
			problem.set("rule", this.rules.get(id));
			return Answer.of(409, problem);
		}
		ObjectNode rule = ruleFields(body);
		store(rule, 1, subject);
		audit(id, "CREATE", null, rule, subject, false, body.get("reason").asString(), null);
		return new Answer(201, rule, "/admin/api/rules/" + id);
	}

	private Answer change(String method, ObjectNode stored, JsonNode body, String subject) {
		Answer invalid = validate(body, true);
		if (invalid != null) {
			return invalid;
		}
		Answer stale = staleVersion(stored, body.get("version").asLong());
		if (stale != null) {
			return stale;
		}
		ObjectNode changed;
		if (method.equals("PUT")) {
			changed = ruleFields(body);
		}
		else {
			changed = stored.deepCopy();
			for (String field : List.of("mode", "target", "methods", "pattern", "policy")) {
				if (body.has(field)) {
					changed.set(field, body.get(field));
				}
			}
		}
		changed.put("id", stored.get("id").asString());
		store(changed, stored.get("version").asLong() + 1, subject);
		audit(stored.get("id").asString(), "UPDATE", stored, changed, subject, false, body.get("reason").asString(), null);
		return Answer.of(200, changed);
	}

	private Answer delete(ObjectNode stored, Map<String, String> query, String subject) {
		if (query.getOrDefault("reason", "").isBlank()) {
			return invalid("reason", "a change needs a reason");
		}
		if (!query.containsKey("version")) {
			return invalid("version", "a change needs the version it is based on");
		}
		Answer stale = staleVersion(stored, Long.parseLong(query.get("version")));
		if (stale != null) {
			return stale;
		}
		String id = stored.get("id").asString();
		this.rules.remove(id);
		audit(id, "DELETE", stored, null, subject, false, query.get("reason"), null);
		return Answer.of(204, null);
	}

	private Answer hold(ObjectNode stored, JsonNode body, String subject) {
		if (body == null || body.path("reason").asString("").isBlank()) {
			return invalid("reason", "a hold needs a reason");
		}
		long millis = body.path("maxHoldMillis").asLong(2000);
		if (millis < 1 || millis > 2000) {
			return invalid("maxHoldMillis", "must be at most 2000, was " + millis);
		}
		ObjectNode before = stored.deepCopy();
		Instant now = Instant.now();
		stored.putObject("writeHold").put("heldSince", now.toString())
			.put("heldUntil", now.plusMillis(millis).toString()).put("heldBy", subject)
			.put("reason", body.get("reason").asString());
		String id = stored.get("id").asString();
		audit(id, "HOLD", before, stored, subject, false, body.get("reason").asString(), null);
		ObjectNode answer = JSON.createObjectNode();
		answer.put("ruleId", id).put("version", stored.get("version").asLong()).put("heldSince", now.toString())
			.put("heldUntil", now.plusMillis(millis).toString()).put("inFlightDrained", true).put("inFlight", 0)
			.put("waiting", 0);
		return Answer.of(200, answer);
	}

	private Answer release(ObjectNode stored, Map<String, String> query, String subject) {
		if (query.getOrDefault("reason", "").isBlank()) {
			return invalid("reason", "a release needs a reason");
		}
		if (query.containsKey("mode") && !query.containsKey("version")) {
			return invalid("version", "a release with a mode needs the version it is based on");
		}
		String id = stored.get("id").asString();
		if (!stored.path("writeHold").isObject()) {
			ObjectNode problem = problemBody(409, "write-hold-not-active", "Write hold not active",
					"rule '" + id + "' is not held; nothing was changed");
			problem.put("ruleId", id);
			problem.put("currentVersion", stored.get("version").asLong());
			problem.set("rule", stored);
			return Answer.of(409, problem);
		}
		if (query.containsKey("version")) {
			Answer stale = staleVersion(stored, Long.parseLong(query.get("version")));
			if (stale != null) {
				return stale;
			}
		}
		ObjectNode current = stored;
		if (query.containsKey("mode")) {
			ObjectNode changed = stored.deepCopy();
			changed.put("mode", query.get("mode"));
			store(changed, stored.get("version").asLong() + 1, subject);
			audit(id, "UPDATE", stored, changed, subject, false, query.get("reason"), null);
			current = changed;
		}
		ObjectNode released = current.deepCopy();
		released.putNull("writeHold");
		this.rules.put(id, released);
		audit(id, "RELEASE", current, released, subject, false, query.get("reason"), null);
		return Answer.of(200, released);
	}

	private Answer validate(JsonNode body, boolean needsVersion) {
		if (body == null || body.path("reason").asString("").isBlank()) {
			return invalid("reason", "a change needs a reason");
		}
		if (needsVersion && !body.path("version").isNumber()) {
			return invalid("version", "a change needs the version it is based on");
		}
		if (body.has("mode")) {
			String mode = body.get("mode").asString();
			if (!MODES.contains(mode) && !mode.matches("CANARY\\((\\d|[1-9]\\d|100)\\)")) {
				return invalid("mode", "unknown mode " + mode);
			}
		}
		if (body.has("target") && body.get("target").asString().equals("unknown-service")) {
			return invalid("target", "no target named unknown-service");
		}
		return null;
	}

	private Answer staleVersion(ObjectNode stored, long basedOn) {
		long current = stored.get("version").asLong();
		if (basedOn == current) {
			return null;
		}
		ObjectNode problem = problemBody(409, "version-conflict", "Version conflict",
				"rule " + stored.get("id").asString() + " is at version " + current + ", not " + basedOn);
		problem.put("ruleId", stored.get("id").asString());
		problem.put("version", basedOn);
		problem.put("currentVersion", current);
		problem.set("rule", stored);
		return Answer.of(409, problem);
	}

	private static ObjectNode ruleFields(JsonNode body) {
		ObjectNode rule = JSON.createObjectNode();
		for (String field : List.of("id", "methods", "pattern", "mode", "target", "policy")) {
			if (body.has(field)) {
				rule.set(field, body.get(field));
			}
		}
		return rule;
	}

	private void store(ObjectNode rule, long version, String actor) {
		rule.put("version", version);
		rule.put("updatedAt", Instant.now().toString());
		rule.put("updatedBy", actor);
		this.rules.put(rule.get("id").asString(), rule);
	}

	private void audit(String id, String action, JsonNode from, JsonNode to, String actor, boolean automatic,
			String reason, JsonNode measurements) {
		ObjectNode change = JSON.createObjectNode();
		change.put("seq", this.changes.size() + 1);
		change.put("ruleId", id);
		change.put("action", action);
		change.set("from", (from != null) ? from.deepCopy() : null);
		change.set("to", (to != null) ? to.deepCopy() : null);
		change.put("actor", actor);
		change.put("automatic", automatic);
		change.put("reason", reason);
		change.set("measurements", measurements);
		change.put("at", Instant.now().toString());
		this.changes.add(change);
	}

	private ObjectNode changes(String id, int limit) {
		ObjectNode answer = JSON.createObjectNode();
		ArrayNode list = answer.putArray("changes");
		for (int i = this.changes.size() - 1; i >= 0 && list.size() < limit; i--) {
			ObjectNode change = this.changes.get(i);
			if (id == null || id.equals(change.get("ruleId").asString())) {
				list.add(change);
			}
		}
		return answer;
	}

	private static ObjectNode shadowSummary(String ruleId) {
		ObjectNode summary = JSON.createObjectNode();
		summary.put("ruleId", ruleId).put("since", "2026-11-25T10:00:00Z").put("compared", 983).put("matched", 980)
			.put("mismatched", 3).put("ignored", 12);
		summary.putObject("ignoredBy").put("unsafe-method", 12);
		summary.put("errors", 1).put("dropped", 0).put("matchRate", 980 / 983.0).put("mismatchRate", 3 / 983.0)
			.put("calibrated", 100).put("noisy", 0).put("noiseRate", 0.0).put("excessMismatchRate", 3 / 983.0)
			.put("meanLatencyDeltaMillis", -1.25).put("p99LatencyDeltaMillis", 4.5).put("meanLegacyMillis", 12.0)
			.put("meanNewMillis", 10.75);
		summary.putObject("noisyPaths");
		return summary;
	}

	private static Answer notFound(String id) {
		ObjectNode problem = problemBody(404, "rule-not-found", "Rule not found", "no rule with id " + id);
		problem.put("ruleId", id);
		return Answer.of(404, problem);
	}

	private static Answer invalid(String field, String message) {
		ObjectNode problem = problemBody(400, "invalid-rule", "Invalid rule", field + ": " + message);
		problem.put("field", field);
		problem.putArray("errors").addObject().put("field", field).put("message", message);
		return Answer.of(400, problem);
	}

	private static Answer problem(int status, String slug, String title, String detail) {
		return Answer.of(status, problemBody(status, slug, title, detail));
	}

	private static ObjectNode problemBody(int status, String slug, String title, String detail) {
		ObjectNode problem = JSON.createObjectNode();
		problem.put("type", "https://figmart.dev/problems/" + slug);
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		return problem;
	}

	private static Map<String, String> query(String rawQuery) {
		Map<String, String> query = new LinkedHashMap<>();
		if (rawQuery == null) {
			return query;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			query.put(name, value);
		}
		return query;
	}

}
