package com.figmart.strangler.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Rules and audited changes of the admin API, as people read them. */
final class Rules {

	private Rules() {
	}

	static void printTable(PrintWriter out, JsonNode rules) {
		if (rules.isEmpty()) {
			out.println("No rules: every request goes to the monolith.");
			out.flush();
			return;
		}
		Table table = new Table("ID", "METHODS", "PATTERN", "MODE", "TARGET", "VERSION", "UPDATED", "BY");
		for (JsonNode rule : rules) {
			table.row(Json.text(rule, "id"), methods(rule), Json.text(rule, "pattern"), Json.text(rule, "mode"),
					Json.text(rule, "target"), Json.text(rule, "version"), Json.text(rule, "updatedAt"),
					Json.text(rule, "updatedBy"));
		}
		table.print(out);
	}

	/** One rule, a field per line, its policy spelled out. */
	static void printRule(PrintWriter out, JsonNode rule) {
		Table table = new Table("FIELD", "VALUE");
		table.row("id", Json.text(rule, "id"));
		table.row("methods", methods(rule));
		table.row("pattern", Json.text(rule, "pattern"));
		table.row("mode", Json.text(rule, "mode"));
		table.row("target", Json.text(rule, "target"));
		JsonNode policy = rule.path("policy");
		table.row("timeout", orElse(Json.text(policy, "timeout"), "gateway default"));
		table.row("fallbackToLegacy", policy.path("fallbackToLegacy").isBoolean()
				? String.valueOf(policy.get("fallbackToLegacy").booleanValue()) : "true");
		JsonNode shadow = policy.path("shadow");
		table.row("shadow.ignoredPaths", list(shadow.path("ignoredPaths")));
		table.row("shadow.unorderedArrays", list(shadow.path("unorderedArrays")));
		table.row("shadow.mirrorUnsafeMethods", String.valueOf(shadow.path("mirrorUnsafeMethods").asBoolean(false)));
		table.row("guard", guard(policy.path("guard")));
		table.row("version", Json.text(rule, "version"));
		table.row("updatedAt", Json.text(rule, "updatedAt"));
		table.row("updatedBy", Json.text(rule, "updatedBy"));
		table.print(out);
	}

	/** One line: {@code id  GET /api/**  CANARY(10) -> target  (version 3, alice)}. */
	static String summary(JsonNode rule) {
		String methods = methods(rule);
		StringBuilder line = new StringBuilder().append(Json.text(rule, "id"))
			.append("  ")
			.append("*".equals(methods) ? "" : methods + " ")
			.append(Json.text(rule, "pattern"))
			.append("  ")
			.append(Json.text(rule, "mode"))
			.append(" -> ")
			.append(Json.text(rule, "target"));
		String version = Json.text(rule, "version");
		if (version != null) {
			line.append("  (version ").append(version);
			String by = Json.text(rule, "updatedBy");
			if (by != null) {
				line.append(", ").append(by);
			}
			line.append(')');
		}
		return line.toString();
	}

	static void printChanges(PrintWriter out, JsonNode changes) {
		if (changes.isEmpty()) {
			out.println("No changes.");
			out.flush();
			return;
		}
		Table table = new Table("SEQ", "AT", "RULE", "ACTION", "CHANGE", "ACTOR", "REASON");
		for (JsonNode change : changes) {
			String actor = Json.text(change, "actor");
			if (change.path("automatic").asBoolean(false)) {
				actor = actor + " (automatic)";
			}
			table.row(Json.text(change, "seq"), Json.text(change, "at"), Json.text(change, "ruleId"),
					Json.text(change, "action"), describeChange(change), actor, reason(change));
		}
		table.print(out);
	}

	/** The mode and target before and after, and which other fields changed. */
	static String describeChange(JsonNode change) {
		JsonNode from = change.path("from");
		JsonNode to = change.path("to");
		if (!from.isObject() && to.isObject()) {
			return "created " + side(to);
		}
		if (from.isObject() && !to.isObject()) {
			return "deleted " + side(from);
		}
		if (!from.isObject()) {
			return null;
		}
		List<String> parts = new ArrayList<>();
		String before = side(from);
		String after = side(to);
		parts.add(before.equals(after) ? after : before + " => " + after);
		for (String field : List.of("methods", "pattern", "policy")) {
			if (!from.path(field).equals(to.path(field))) {
				parts.add(field + " changed");
			}
		}
		JsonNode heldBefore = from.path("writeHold");
		JsonNode heldAfter = to.path("writeHold");
		if (heldAfter.isObject() && !heldAfter.equals(heldBefore)) {
			parts.add("writes held until " + Json.text(heldAfter, "heldUntil"));
		}
		else if (heldBefore.isObject() && !heldAfter.isObject()) {
			parts.add("writes released");
		}
		return String.join(", ", parts);
	}

	private static String side(JsonNode rule) {
		return Json.text(rule, "mode") + " -> " + Json.text(rule, "target");
	}

	private static String reason(JsonNode change) {
		String reason = Json.text(change, "reason");
		JsonNode measurements = change.path("measurements");
		if (!measurements.isObject() || measurements.isEmpty()) {
			return reason;
		}
		List<String> figures = new ArrayList<>();
		for (Map.Entry<String, JsonNode> figure : measurements.properties()) {
			figures.add(figure.getKey() + "=" + Json.display(figure.getValue()));
		}
		return orElse(reason, "") + " [" + String.join(" ", figures) + "]";
	}

	static String methods(JsonNode rule) {
		JsonNode methods = rule.path("methods");
		return (methods.isArray() && !methods.isEmpty()) ? list(methods) : "*";
	}

	private static String list(JsonNode array) {
		if (!array.isArray() || array.isEmpty()) {
			return null;
		}
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(Json.display(value)));
		return String.join(",", values);
	}

	private static String guard(JsonNode guard) {
		if (!guard.isObject()) {
			return "none";
		}
		return "maxErrorRate=" + Json.text(guard, "maxErrorRate") + " maxP99=" + Json.text(guard, "maxP99")
				+ " window=" + Json.text(guard, "window") + " minRequests=" + Json.text(guard, "minRequests");
	}

	private static String orElse(String value, String fallback) {
		return (value != null) ? value : fallback;
	}

}
