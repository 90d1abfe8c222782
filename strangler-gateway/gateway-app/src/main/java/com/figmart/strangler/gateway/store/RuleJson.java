package com.figmart.strangler.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import com.figmart.strangler.gateway.GatewayRule;
import com.figmart.strangler.gateway.RulePolicy;
import com.figmart.strangler.gateway.Targets;
import com.figmart.strangler.rules.Mode;
import com.figmart.strangler.rules.PathPattern;
import com.figmart.strangler.rules.RouteRule;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of rules and audited changes, as documented in {@code docs/gateway-admin-api.md}. The same form is
 * stored in the {@code jsonb} columns, so the audit shows exactly what the API showed.
 *
 * <p>Reading validates every field and reports all problems at once, each named by its path.
 */
public final class RuleJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private RuleJson() {
	}

	/** A rule as the API shows it. */
	public static ObjectNode toJson(StoredRule stored) {
		ObjectNode node = editableFields(stored.rule());
		node.put("version", stored.version());
		node.put("updatedAt", stored.updatedAt().toString());
		node.put("updatedBy", stored.updatedBy());
		node.set("writeHold", (stored.writeHold() != null) ? toJson(stored.writeHold()) : NODES.nullNode());
		return node;
	}

	/** A write hold as the API shows it. */
	public static ObjectNode toJson(WriteHold hold) {
		ObjectNode node = NODES.objectNode();
		node.put("heldSince", hold.heldSince().toString());
		node.put("heldUntil", hold.heldUntil().toString());
		node.put("heldBy", hold.heldBy());
		node.put("reason", hold.reason());
		return node;
	}

	/** An audited change as the API shows it. */
	public static ObjectNode toJson(RuleChangeRecord change) {
		ObjectNode node = NODES.objectNode();
		node.put("seq", change.seq());
		node.put("ruleId", change.ruleId());
		node.put("action", change.action().name());
		node.set("from", (change.from() != null) ? toJson(change.from()) : NODES.nullNode());
		node.set("to", (change.to() != null) ? toJson(change.to()) : NODES.nullNode());
		node.put("actor", change.actor());
		node.put("automatic", change.automatic());
		node.put("reason", change.reason());
		node.set("measurements",
				(change.measurements() != null) ? MAPPER.valueToTree(plain(change.measurements())) : NODES.nullNode());
		node.put("at", change.at().toString());
		return node;
	}

	/** {@code id}, {@code methods}, {@code pattern}, {@code mode}, {@code target} and {@code policy} of a rule. */
	public static ObjectNode editableFields(GatewayRule rule) {
		RouteRule route = rule.rule();
		ObjectNode node = NODES.objectNode();
		node.put("id", route.id());
		ArrayNode methods = node.putArray("methods");
		route.methods().forEach(methods::add);
		node.put("pattern", route.pattern().toString());
		node.put("mode", route.mode().toString());
		node.put("target", route.target());
		node.set("policy", toJson(rule.policy()));
		return node;
	}

	/** A policy with every field present ({@code null} for no timeout, no guard). */
	public static ObjectNode toJson(RulePolicy policy) {
		ObjectNode node = NODES.objectNode();
		if (policy.timeout() != null) {
			node.put("timeout", policy.timeout().toString());
		}
		else {
			node.putNull("timeout");
		}
		node.put("fallbackToLegacy", policy.fallbackToLegacy());
		ObjectNode shadow = node.putObject("shadow");
		ArrayNode ignored = shadow.putArray("ignoredPaths");
		policy.shadow().ignoredPaths().forEach(ignored::add);
		ArrayNode unordered = shadow.putArray("unorderedArrays");
		policy.shadow().unorderedArrays().forEach(unordered::add);
		shadow.put("mirrorUnsafeMethods", policy.shadow().mirrorUnsafeMethods());
		RulePolicy.Guard guard = policy.guard();
		if (guard == null) {
			node.putNull("guard");
		}
		else {
			ObjectNode g = node.putObject("guard");
			g.put("maxErrorRate", guard.maxErrorRate());
			g.put("maxP99", guard.maxP99().toString());
			g.put("window", guard.window().toString());
			g.put("minRequests", guard.minRequests());
		}
		return node;
	}

	/**
	 * Parses JSON text into a tree.
	 *
	 * @throws InvalidRuleException naming {@code body} if the text is not JSON
	 */
	public static JsonNode parse(String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidRuleException("body", "a JSON object is required");
		}
		try {
			return MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			throw new InvalidRuleException("body", "not valid JSON: " + ex.getOriginalMessage());
		}
	}

	/**
	 * Reads {@code id}, {@code methods}, {@code pattern}, {@code mode}, {@code target} and {@code policy} of a rule
	 * document; other fields are not looked at. The result has version 0, to be set by the store.
	 *
	 * @param targets the targets the rule may name, or {@code null} to accept any name
	 * @throws InvalidRuleException naming every invalid field
	 */
	public static GatewayRule readRule(JsonNode document, Targets targets) {
		Errors errors = new Errors();
		if (document == null || !document.isObject()) {
			throw new InvalidRuleException("body", "must be a JSON object");
		}
		String id = errors.requiredString(document, "id");
		List<String> methods = errors.stringList(document, "methods");
		String patternText = errors.requiredString(document, "pattern");
		PathPattern pattern = null;
		if (patternText != null) {
			try {
				pattern = PathPattern.parse(patternText);
			}
			catch (IllegalArgumentException ex) {
				errors.add("pattern", ex.getMessage());
			}
		}
		String modeText = errors.requiredString(document, "mode");
		Mode mode = null;
		if (modeText != null) {
			try {
				mode = Mode.parse(modeText);
			}
			catch (IllegalArgumentException ex) {
				errors.add("mode", ex.getMessage() + "; expected LEGACY, SHADOW, NEW or CANARY(0..100)");
			}
		}
		String target = errors.requiredString(document, "target");
		if (target != null && targets != null && !targets.contains(target)) {
			errors.add("target", "unknown target '" + target + "'; known targets: " + targets.names());
		}
		RulePolicy policy = readPolicy(document.get("policy"), "policy", errors);
		RouteRule route = null;
		if (id != null && methods != null && pattern != null && mode != null && target != null) {
			try {
				route = new RouteRule(id, new LinkedHashSet<>(methods), pattern, mode, target, 0);
			}
			catch (IllegalArgumentException ex) {
				errors.add(ex.getMessage().contains("method") ? "methods" : "id", ex.getMessage());
			}
		}
		errors.throwIfAny();
		return new GatewayRule(route, policy);
	}

	/** Reads a stored rule document (an audit record's {@code from} or {@code to}). */
	static StoredRule readStored(JsonNode document) {
		GatewayRule rule = readRule(document, null);
		RouteRule route = rule.rule();
		JsonNode hold = document.get("writeHold");
		return new StoredRule(
				new GatewayRule(new RouteRule(route.id(), route.methods(), route.pattern(), route.mode(),
						route.target(), document.path("version").asLong()), rule.policy()),
				Instant.parse(document.path("updatedAt").asString()), document.path("updatedBy").asString(),
				(hold != null && hold.isObject())
						? new WriteHold(Instant.parse(hold.path("heldSince").asString()),
								Instant.parse(hold.path("heldUntil").asString()), hold.path("heldBy").asString(),
								hold.path("reason").asString())
						: null);
	}

	/** Reads a stored {@code policy} column. */
	static RulePolicy readPolicy(String json) {
		Errors errors = new Errors();
		RulePolicy policy = readPolicy(parse(json), "policy", errors);
		errors.throwIfAny();
		return policy;
	}

	static String write(Object value) {
		return MAPPER.writeValueAsString((value instanceof Map) ? plain((Map<?, ?>) value) : value);
	}

	static List<String> readStringList(String json) {
		List<String> values = new ArrayList<>();
		parse(json).forEach((node) -> values.add(node.asString()));
		return values;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> readMap(String json) {
		return (json != null) ? MAPPER.readValue(json, LinkedHashMap.class) : null;
	}

	private static RulePolicy readPolicy(JsonNode node, String path, Errors errors) {
		if (node == null || node.isNull()) {
			return RulePolicy.DEFAULTS;
		}
		if (!node.isObject()) {
			errors.add(path, "must be an object");
			return RulePolicy.DEFAULTS;
		}
		errors.onlyKnown(node, path, "timeout", "fallbackToLegacy", "shadow", "guard");
		Duration timeout = errors.duration(node, path, "timeout", false);
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			errors.add(path + ".timeout", "must be positive, was " + timeout);
			timeout = null;
		}
		Boolean fallback = errors.bool(node, path, "fallbackToLegacy");
		RulePolicy.Shadow shadow = readShadow(node.get("shadow"), path + ".shadow", errors);
		RulePolicy.Guard guard = readGuard(node.get("guard"), path + ".guard", errors);
		return new RulePolicy(timeout, (fallback != null) ? fallback : true, shadow, guard);
	}

	private static RulePolicy.Shadow readShadow(JsonNode node, String path, Errors errors) {
		if (node == null || node.isNull()) {
			return RulePolicy.Shadow.DEFAULTS;
		}
		if (!node.isObject()) {
			errors.add(path, "must be an object");
			return RulePolicy.Shadow.DEFAULTS;
		}
		errors.onlyKnown(node, path, "ignoredPaths", "unorderedArrays", "mirrorUnsafeMethods");
		List<String> ignored = errors.stringList(node, path, "ignoredPaths");
		List<String> unordered = errors.stringList(node, path, "unorderedArrays");
		Boolean mirror = errors.bool(node, path, "mirrorUnsafeMethods");
		return new RulePolicy.Shadow(ignored, unordered, (mirror != null) && mirror);
	}

	private static RulePolicy.Guard readGuard(JsonNode node, String path, Errors errors) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isObject()) {
			errors.add(path, "must be an object");
			return null;
		}
		errors.onlyKnown(node, path, "maxErrorRate", "maxP99", "window", "minRequests");
		int before = errors.size();
		JsonNode rate = node.get("maxErrorRate");
		double maxErrorRate = 0;
		if (rate == null || !rate.isNumber() || rate.asDouble() < 0 || rate.asDouble() > 1) {
			errors.add(path + ".maxErrorRate", "must be a number between 0 and 1");
		}
		else {
			maxErrorRate = rate.asDouble();
		}
		Duration maxP99 = errors.duration(node, path, "maxP99", true);
		if (maxP99 != null && (maxP99.isNegative() || maxP99.isZero())) {
			errors.add(path + ".maxP99", "must be positive, was " + maxP99);
		}
		Duration window = errors.duration(node, path, "window", true);
		if (window != null && window.compareTo(Duration.ofSeconds(1)) < 0) {
			errors.add(path + ".window", "must be at least PT1S, was " + window);
		}
		JsonNode min = node.get("minRequests");
		int minRequests = 0;
		if (min == null || !min.isIntegralNumber() || !min.canConvertToInt() || min.asInt() < 1) {
			errors.add(path + ".minRequests", "must be an integer of at least 1");
		}
		else {
			minRequests = min.asInt();
		}
		return (errors.size() == before) ? new RulePolicy.Guard(maxErrorRate, maxP99, window, minRequests) : null;
	}

	/** Durations and instants as ISO-8601 text, so measurements read the same in every client. */
	private static Map<String, Object> plain(Map<?, ?> map) {
		Map<String, Object> plain = new LinkedHashMap<>();
		map.forEach((key, value) -> plain.put(String.valueOf(key), plainValue(value)));
		return plain;
	}

	private static Object plainValue(Object value) {
		if (value instanceof Duration || value instanceof Instant) {
			return value.toString();
		}
		if (value instanceof Map) {
			return plain((Map<?, ?>) value);
		}
		return value;
	}

	/** Collects field errors while reading. */
	static final class Errors {

		private final List<InvalidRuleException.FieldError> errors = new ArrayList<>();

		void add(String field, String message) {
			errors.add(new InvalidRuleException.FieldError(field, message));
		}

		int size() {
			return errors.size();
		}

		void throwIfAny() {
			if (!errors.isEmpty()) {
				throw new InvalidRuleException(errors);
			}
		}

		void onlyKnown(JsonNode node, String path, String... known) {
			List<String> allowed = List.of(known);
			for (String name : node.propertyNames()) {
				if (!allowed.contains(name)) {
					add(path + "." + name, "unknown field; known fields are " + allowed);
				}
			}
		}

		String requiredString(JsonNode node, String field) {
			JsonNode value = node.get(field);
			if (value == null || value.isNull()) {
				add(field, "is required");
				return null;
			}
			if (!value.isString() || value.asString().isBlank()) {
				add(field, "must be a non-blank string");
				return null;
			}
			return value.asString();
		}

		List<String> stringList(JsonNode node, String field) {
			return stringList(node, null, field);
		}

		List<String> stringList(JsonNode node, String path, String field) {
			String name = (path != null) ? path + "." + field : field;
			JsonNode value = node.get(field);
			if (value == null || value.isNull()) {
				return List.of();
			}
			if (!value.isArray()) {
				add(name, "must be an array of strings");
				return null;
			}
			List<String> values = new ArrayList<>();
			for (int i = 0; i < value.size(); i++) {
				JsonNode element = value.get(i);
				if (!element.isString() || element.asString().isBlank()) {
					add(name + "[" + i + "]", "must be a non-blank string");
				}
				else {
					values.add(element.asString());
				}
			}
			return (values.size() == value.size()) ? values : null;
		}

		Boolean bool(JsonNode node, String path, String field) {
			JsonNode value = node.get(field);
			if (value == null || value.isNull()) {
				return null;
			}
			if (!value.isBoolean()) {
				add(path + "." + field, "must be true or false");
				return null;
			}
			return value.booleanValue();
		}

		Duration duration(JsonNode node, String path, String field, boolean required) {
			JsonNode value = node.get(field);
			if (value == null || value.isNull()) {
				if (required) {
					add(path + "." + field, "is required (an ISO-8601 duration such as PT0.5S)");
				}
				return null;
			}
			if (!value.isString()) {
				add(path + "." + field, "must be an ISO-8601 duration such as PT2S");
				return null;
			}
			try {
				return Duration.parse(value.asString());
			}
			catch (DateTimeParseException ex) {
				add(path + "." + field, "'" + value.asString() + "' is not an ISO-8601 duration such as PT2S");
				return null;
			}
		}

	}

}
