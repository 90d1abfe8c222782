package com.figmart.strangler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code rules ...}: list, read, create, change and delete routing rules. */
@Command(name = "rules", description = "Lists, reads, creates, changes and deletes routing rules.",
		subcommands = { RulesCommand.ListRules.class, RulesCommand.GetRule.class, RulesCommand.CreateRule.class,
				RulesCommand.SetMode.class, RulesCommand.UpdateRule.class, RulesCommand.DeleteRule.class,
				RulesCommand.HoldWrites.class, RulesCommand.ReleaseWrites.class, RulesCommand.RuleHistory.class })
final class RulesCommand implements Runnable {

	@ParentCommand
	RootCommand root;

	@Mixin
	HelpOption help;

	@Override
	public void run() {
		throw this.root.usage("Missing command: rules list, get, create, set-mode, update, delete, hold, release or "
				+ "history");
	}

	@Command(name = "list", description = "Lists every rule, sorted by id.")
	static final class ListRules implements Callable<Integer> {

		@ParentCommand
		RulesCommand rules;

		@Mixin
		HelpOption help;

		@Mixin
		Output output = new Output();

		@Override
		public Integer call() {
			JsonNode answer = this.rules.root.client().listRules();
			PrintWriter out = this.rules.root.out();
			if (this.output.json()) {
				Json.print(out, answer);
			}
			else {
				Rules.printTable(out, answer.path("rules"));
			}
			return GatewayCli.OK;
		}

	}

	@Command(name = "get", description = "Shows one rule with its policy.")
	static final class GetRule implements Callable<Integer> {

		@ParentCommand
		RulesCommand rules;

		@Mixin
		HelpOption help;

		@Parameters(paramLabel = "ID", description = "The rule's id.")
		String id;

		@Mixin
		Output output = new Output();

		@Override
		public Integer call() {
			JsonNode rule = this.rules.root.client().getRule(this.id);
			this.rules.print(rule, this.output);
			return GatewayCli.OK;
		}

	}

	@Command(name = "create", description = "Creates a rule (409 if the id exists).")
	static final class CreateRule implements Callable<Integer> {

		@ParentCommand
		RulesCommand rules;

		@Mixin
		HelpOption help;

		@Option(names = "--id", required = true, description = "The new rule's id.")
		String id;

		@Option(names = "--methods", split = ",", paramLabel = "METHOD",
				description = "HTTP methods, comma-separated (default: any method).")
		List<String> methods = new ArrayList<>();

		@Option(names = "--pattern", required = true, description = "The path pattern, e.g. /api/catalog/**.")
		String pattern;

		@Option(names = "--mode", defaultValue = "LEGACY",
				description = "LEGACY (the default), SHADOW, CANARY with --percent (or CANARY(p)), or NEW.")
		String mode;

		@Option(names = "--percent", description = "The share of traffic a CANARY sends to the new target, 0..100.")
		Integer percent;

		@Option(names = "--target", required = true, description = "The name of the new target.")
		String target;

		@Option(names = "--timeout", converter = DurationConverter.class,
				description = "How long the new target may take, e.g. 2s or PT2S (default: the gateway's).")
		Duration timeout;

		@Option(names = "--no-fallback", description = "Do not fall back to the monolith when the new target fails.")
		boolean noFallback;

		@Option(names = "--policy", paramLabel = "JSON|@FILE",
				description = "The whole policy as JSON (or @file holding it), e.g. with a shadow or guard section; "
						+ "--timeout and --no-fallback apply on top of it.")
		String policy;

		@Option(names = "--reason", description = "Why; kept in the audit history (required by the gateway).")
		String reason;

		@Mixin
		Output output = new Output();

		@Override
		public Integer call() {
			RootCommand root = this.rules.root;
			ObjectNode rule = Json.MAPPER.createObjectNode();
			rule.put("id", this.id);
			rule.set("methods", this.rules.methods(this.methods));
			rule.put("pattern", this.pattern);
			rule.put("mode", this.rules.mode(this.mode, this.percent));
			rule.put("target", this.target);
			ObjectNode policy = this.rules.policy(this.policy, null);
			if (this.timeout != null) {
				policy.put("timeout", this.timeout.toString());
			}
			if (this.noFallback) {
				policy.put("fallbackToLegacy", false);
			}
			if (!policy.isEmpty()) {
				rule.set("policy", policy);
			}
			if (this.reason != null) {
				rule.put("reason", this.reason);
			}
			JsonNode created = root.client().createRule(rule);
			this.rules.report("created", created, this.output);
			return GatewayCli.OK;
		}

	}

	@Command(name = "set-mode",
			description = { "Changes a rule's mode (PATCH).",
					"Without --version it reads the rule first and bases the change on its current version." })
	static final class SetMode implements Callable<Integer> {

		@ParentCommand
		RulesCommand rules;

		@Mixin
		HelpOption help;

		@Parameters(index = "0", paramLabel = "ID", description = "The rule's id.")
		String id;

		@Parameters(index = "1", paramLabel = "MODE", description = "LEGACY, SHADOW, CANARY (with --percent), CANARY(p) or NEW.")
		String mode;

		@Option(names = "--percent", description = "The canary share, 0..100.")
		Integer percent;

		@Option(names = "--reason", required = true, description = "Why; kept in the audit history.")
		String reason;

		@Option(names = "--version", description = "The version the change is based on (default: the current one).")
		Long version;

		@Mixin
		Output output = new Output();

		@Override
		public Integer call() {
			String newMode = this.rules.mode(this.mode, this.percent);
			AdminClient client = this.rules.root.client();
			long basedOn = (this.version != null) ? this.version : client.getRule(this.id).path("version").asLong();
			ObjectNode changes = Json.MAPPER.createObjectNode().put("mode", newMode).put("version", basedOn).put("reason",
					this.reason);
			JsonNode changed = client.patchRule(this.id, changes);
			this.rules.report("changed", changed, this.output);
			return GatewayCli.OK;
		}

	}

	@Command(name = "update",
			description = { "Replaces a rule (PUT): reads it, applies the options given, and sends it whole.",
					"Without --version the change is based on the version just read." })
	static final class UpdateRule implements Callable<Integer> {

		@ParentCommand
		RulesCommand rules;

		@Mixin
		HelpOption help;

		@Parameters(paramLabel = "ID", description = "The rule's id.")
		String id;

		@Option(names = "--methods", split = ",", paramLabel = "METHOD",
				description = "HTTP methods, comma-separated; '*' for any method.")
		List<String> methods;

		@Option(names = "--pattern", description = "The path pattern.")
		String pattern;

		@Option(names = "--mode", description = "LEGACY, SHADOW, CANARY (with --percent), CANARY(p) or NEW.")
		String mode;

		@Option(names = "--percent", description = "The canary share, 0..100 (alone: a new share for a CANARY rule).")
		Integer percent;

		@Option(names = "--target", description = "The name of the new target.")
		String target;

		@Option(names = "--timeout", converter = DurationConverter.class, description = "e.g. 2s or PT2S.")
		Duration timeout;

		@Option(names = "--fallback", description = "Fall back to the monolith when the new target fails.")
		boolean fallback;

		@Option(names = "--no-fallback", description = "Do not fall back to the monolith.")
		boolean noFallback;

		@Option(names = "--policy", paramLabel = "JSON|@FILE",
				description = "A new policy, whole, as JSON or @file; --timeout and --[no-]fallback apply on top.")
		String policy;

		@Option(names = "--reason", required = true, description = "Why; kept in the audit history.")
		String reason;

		@Option(names = "--version", description = "The version the change is based on (default: the one read).")
		Long version;

		@Mixin
		Output output = new Output();

		@Override
		public Integer call() {
			RootCommand root = this.rules.root;
			if (this.fallback && this.noFallback) {
				throw root.usage("--fallback and --no-fallback exclude each other");
			}
			AdminClient client = root.client();
			JsonNode current = client.getRule(this.id);
			ObjectNode rule = Json.MAPPER.createObjectNode();
			rule.put("id", this.id);
			rule.set("methods", (this.methods != null) ? this.rules.methods(this.methods) : current.path("methods"));
			rule.put("pattern", (this.pattern != null) ? this.pattern : Json.text(current, "pattern"));
			rule.put("mode", newMode(Json.text(current, "mode")));
			rule.put("target", (this.target != null) ? this.target : Json.text(current, "target"));
			ObjectNode policy = this.rules.policy(this.policy, current.path("policy"));
			if (this.timeout != null) {
				policy.put("timeout", this.timeout.toString());
			}
			if (this.fallback || this.noFallback) {
				policy.put("fallbackToLegacy", this.fallback);
			}
			rule.set("policy", policy);
			rule.put("version", (this.version != null) ? this.version : current.path("version").asLong());
			rule.put("reason", this.reason);
			JsonNode replaced = client.replaceRule(this.id, rule);
			this.rules.report("updated", replaced, this.output);
			return GatewayCli.OK;
		}

		private String newMode(String currentMode) {
			if (this.mode != null) {
				return this.rules.mode(this.mode, this.percent);
			}
			if (this.percent != null) {
				if (currentMode == null || !currentMode.toUpperCase(Locale.ROOT).startsWith("CANARY")) {
					throw this.rules.root.usage("--percent alone changes a CANARY rule's share; this rule is "
							+ currentMode + ": give --mode CANARY too");
				}
				return this.rules.mode("CANARY", this.percent);
			}
			return currentMode;
		}

	}

	@Command(name = "delete",
			description = { "Deletes a rule; its requests go to the monolith.",
					"Without --version it reads the rule first and deletes the version it read." })
	static final class DeleteRule implements Callable<Integer> {

		@ParentCommand
		RulesCommand rules;

		@Mixin
		HelpOption help;

		@Parameters(paramLabel = "ID", description = "The rule's id.")
		String id;

		@Option(names = "--reason", required = true, description = "Why; kept in the audit history.")
		String reason;

		@Option(names = "--version", description = "The version to delete (default: the current one).")
		Long version;

		@Override
		public Integer call() {
			AdminClient client = this.rules.root.client();
			long basedOn = (this.version != null) ? this.version : client.getRule(this.id).path("version").asLong();
			client.deleteRule(this.id, basedOn, this.reason);
			PrintWriter out = this.rules.root.out();
			out.println("deleted " + this.id + " (version " + basedOn + "); its requests go to the monolith");
			out.flush();
			return GatewayCli.OK;
		}

	}

	@Command(name = "hold",
			description = { "Holds the rule's writes (POST, PUT, PATCH, DELETE) on every gateway instance: they wait "
					+ "until 'rules release' or until the hold ends by itself; reads go on.",
					"Answers once the writes already under way on the instance that answered are done." })
	static final class HoldWrites implements Callable<Integer> {

		@ParentCommand
		RulesCommand rules;

		@Mixin
		HelpOption help;

		@Parameters(paramLabel = "ID", description = "The rule's id.")
		String id;

		@Option(names = "--max", converter = DurationConverter.class,
				description = "How long at most, e.g. 2s or 500ms (default and ceiling: the gateway's, 2s).")
		Duration max;

		@Option(names = "--reason", description = "Why; kept in the audit history (required by the gateway).")
		String reason;

		@Mixin
		Output output = new Output();

		@Override
		public Integer call() {
			if (this.max != null && this.max.toMillis() < 1) {
				throw this.rules.root.usage("--max must be at least 1ms, was " + this.max);
			}
			JsonNode held = this.rules.root.client().holdWrites(this.id, this.max, this.reason);
			PrintWriter out = this.rules.root.out();
			if (this.output.json()) {
				Json.print(out, held);
				return GatewayCli.OK;
			}
			boolean drained = held.path("inFlightDrained").asBoolean(false);
			out.println("held " + this.id + " until " + Json.text(held, "heldUntil") + " (version "
					+ Json.text(held, "version") + "); "
					+ (drained ? "no write under way" : held.path("inFlight").asInt() + " write(s) still under way")
					+ ", " + held.path("waiting").asInt() + " waiting");
			out.flush();
			return GatewayCli.OK;
		}

	}

	@Command(name = "release",
			description = { "Releases the rule's held writes; with --mode, sets the mode in the same step, so the held "
					+ "writes go where the new mode sends them.",
					"A hold that has ended already gives exit code 3 and changes nothing.",
					"With --mode and without --version it reads the rule first and bases the change on its version." })
	static final class ReleaseWrites implements Callable<Integer> {

		@ParentCommand
		RulesCommand rules;

		@Mixin
		HelpOption help;

		@Parameters(paramLabel = "ID", description = "The rule's id.")
		String id;

		@Option(names = "--mode", description = "The mode to set as the hold ends: LEGACY, SHADOW, CANARY (with "
				+ "--percent), CANARY(p) or NEW.")
		String mode;

		@Option(names = "--percent", description = "The canary share, 0..100.")
		Integer percent;

		@Option(names = "--version", description = "The version a change of mode is based on (default: the current one).")
		Long version;

		@Option(names = "--reason", description = "Why; kept in the audit history (required by the gateway).")
		String reason;

		@Mixin
		Output output = new Output();

		@Override
		public Integer call() {
			if (this.mode == null && this.percent != null) {
				throw this.rules.root.usage("--percent needs --mode CANARY");
			}
			String newMode = (this.mode != null) ? this.rules.mode(this.mode, this.percent) : null;
			AdminClient client = this.rules.root.client();
			Long basedOn = this.version;
			if (newMode != null && basedOn == null) {
				basedOn = client.getRule(this.id).path("version").asLong();
			}
			JsonNode released = client.releaseWrites(this.id, newMode, basedOn, this.reason);
			this.rules.report("released", released, this.output);
			return GatewayCli.OK;
		}

	}

	@Command(name = "history", description = "Shows a rule's audited changes, newest first.")
	static final class RuleHistory implements Callable<Integer> {

		@ParentCommand
		RulesCommand rules;

		@Mixin
		HelpOption help;

		@Parameters(paramLabel = "ID", description = "The rule's id.")
		String id;

		@Mixin
		Output output = new Output();

		@Override
		public Integer call() {
			JsonNode answer = this.rules.root.client().ruleHistory(this.id);
			PrintWriter out = this.rules.root.out();
			if (this.output.json()) {
				Json.print(out, answer);
			}
			else {
				Rules.printChanges(out, answer.path("changes"));
			}
			return GatewayCli.OK;
		}

	}

	void print(JsonNode rule, Output output) {
		if (output.json()) {
			Json.print(this.root.out(), rule);
		}
		else {
			Rules.printRule(this.root.out(), rule);
		}
	}

	/** After a change: the rule as JSON for scripts, one line for people. */
	void report(String what, JsonNode rule, Output output) {
		PrintWriter out = this.root.out();
		if (output.json()) {
			Json.print(out, rule);
			return;
		}
		out.println(what + " " + Rules.summary(rule));
		out.flush();
	}

	String mode(String mode, Integer percent) {
		try {
			return Values.mode(mode, percent);
		}
		catch (IllegalArgumentException ex) {
			throw this.root.usage(ex.getMessage());
		}
	}

	JsonNode methods(List<String> given) {
		try {
			return Json.MAPPER.valueToTree(Values.methods(given));
		}
		catch (IllegalArgumentException ex) {
			throw this.root.usage(ex.getMessage());
		}
	}

	/**
	 * The policy to send: {@code --policy} (JSON, or {@code @file}) if given, else a copy of the current one (or
	 * an empty one).
	 */
	ObjectNode policy(String given, JsonNode current) {
		if (given == null) {
			return (current != null && current.isObject()) ? ((ObjectNode) current).deepCopy()
					: Json.MAPPER.createObjectNode();
		}
		String json = given;
		if (given.startsWith("@")) {
			try {
				json = Files.readString(Path.of(given.substring(1)));
			}
			catch (IOException ex) {
				throw this.root.usage("--policy: cannot read " + given.substring(1) + " (" + ex.getMessage() + ")");
			}
		}
		JsonNode policy;
		try {
			policy = Json.MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			throw this.root.usage("--policy is not JSON: " + ex.getOriginalMessage());
		}
		if (policy == null || !policy.isObject()) {
			throw this.root.usage("--policy must be a JSON object such as {\"timeout\":\"PT2S\"}");
		}
		return (ObjectNode) policy;
	}

}
