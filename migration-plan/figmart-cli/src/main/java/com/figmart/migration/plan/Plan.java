package com.figmart.migration.plan;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A migration plan: steps applied one after the other, each guarded by preconditions, changing the system by
 * actions, verified by checks, and undone by its rollback actions. Read from a YAML file such as
 * {@code migration-plan/plans/catalog.yml}.
 *
 * @param name the plan's name, also the name of its state file
 * @param title one line for people
 * @param gateway the topology's name of the strangler gateway the plan changes
 * @param bridge the topology's name of the CDC bridge the plan changes
 * @param steps in the order they are applied
 */
public record Plan(String name, String title, String gateway, String bridge, List<Step> steps) {

	public Plan {
		Objects.requireNonNull(name, "name");
		steps = List.copyOf(steps);
		Set<String> ids = new HashSet<>();
		for (Step step : steps) {
			if (!ids.add(step.id())) {
				throw new IllegalArgumentException("Step '" + step.id() + "' is declared twice");
			}
		}
	}

	/**
	 * A step of the plan.
	 *
	 * @param id how commands name it
	 * @param chapter the tutorial chapter that explains it
	 * @param title one line for people
	 * @param why why the step exists, in a sentence or two
	 * @param preconditions what must hold before it runs; if one fails, it is refused and nothing changes
	 * @param actions what it changes, in order
	 * @param checks what must hold afterwards, within {@code settle}; if one fails, the step is rolled back
	 * @param settle how long the checks may take to hold
	 * @param rollback what undoes it, in order
	 */
	public record Step(String id, int chapter, String title, String why, List<Condition> preconditions,
			List<Action> actions, List<Condition> checks, Duration settle, List<Action> rollback) {

		public Step {
			Objects.requireNonNull(id, "id");
			preconditions = List.copyOf(preconditions);
			actions = List.copyOf(actions);
			checks = List.copyOf(checks);
			rollback = List.copyOf(rollback);
		}

	}

	public Optional<Step> step(String id) {
		return this.steps.stream().filter((step) -> step.id().equals(id)).findFirst();
	}

	public static Plan read(Path file) {
		try (Reader reader = Files.newBufferedReader(file)) {
			return parse(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the plan " + file, ex);
		}
	}

	static Plan parse(Reader reader) {
		Map<?, ?> root = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader), "the plan");
		List<Step> steps = new ArrayList<>();
		for (Object item : list(root.get("steps"), "steps")) {
			Map<?, ?> step = map(item, "a step");
			String id = text(step.get("id"), "steps[].id");
			steps.add(new Step(id, step.get("chapter") == null ? 0 : ((Number) step.get("chapter")).intValue(),
					text(step.get("title"), id + ".title"), step.get("why") == null ? "" : step.get("why").toString().strip(),
					conditions(step.get("preconditions"), id), actions(step.get("actions"), id), conditions(step.get("checks"), id),
					step.get("settle") == null ? Duration.ofSeconds(10) : duration(step.get("settle")),
					actions(step.get("rollback"), id)));
		}
		return new Plan(text(root.get("plan"), "plan"), text(root.get("title"), "title"), text(root.get("gateway"), "gateway"),
				text(root.get("bridge"), "bridge"), steps);
	}

	private static List<Condition> conditions(Object value, String step) {
		List<Condition> conditions = new ArrayList<>();
		for (Object item : (value == null) ? List.of() : list(value, step + " conditions")) {
			Map.Entry<?, ?> entry = single(item, step);
			Object argument = entry.getValue();
			conditions.add(switch (entry.getKey().toString()) {
				case "healthy" -> new Condition.Healthy(argument.toString());
				case "rule-mode" -> new Condition.RuleMode(field(argument, "rule"), field(argument, "mode"));
				case "shadow-match" -> new Condition.ShadowMatch(field(argument, "rule"), percent(field(argument, "at-least")),
						Long.parseLong(field(argument, "over")));
				case "breaker-closed" -> new Condition.BreakerClosed(argument.toString());
				case "parity-clean" -> new Condition.ParityClean(argument.toString());
				case "lag-below" -> new Condition.LagBelow(duration(argument));
				case "sync-direction" -> new Condition.SyncDirection(argument.toString());
				default -> throw new IllegalArgumentException(step + ": unknown condition '" + entry.getKey()
						+ "' (known: healthy, rule-mode, shadow-match, breaker-closed, parity-clean, lag-below, sync-direction)");
			});
		}
		return conditions;
	}

	private static List<Action> actions(Object value, String step) {
		List<Action> actions = new ArrayList<>();
		for (Object item : (value == null) ? List.of() : list(value, step + " actions")) {
			Map.Entry<?, ?> entry = single(item, step);
			Object argument = entry.getValue();
			actions.add(switch (entry.getKey().toString()) {
				case "set-mode" -> new Action.SetMode(field(argument, "rule"), field(argument, "mode"));
				case "reset-shadow" -> new Action.ResetShadow(argument.toString());
				case "write-cutover" -> new Action.WriteCutover(field(argument, "rule"), field(argument, "mode"),
						field(argument, "direction"),
						map(argument, "write-cutover").containsKey("max-hold") ? duration(field(argument, "max-hold")) : Duration.ofSeconds(2));
				default -> throw new IllegalArgumentException(step + ": unknown action '" + entry.getKey()
						+ "' (known: set-mode, reset-shadow, write-cutover)");
			});
		}
		return actions;
	}

	/** {@code 250ms}, {@code 2s}, {@code 1m}, or a number of seconds. */
	static Duration duration(Object value) {
		String text = value.toString().strip();
		if (text.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).strip()));
		}
		if (text.endsWith("s")) {
			return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1).strip()) * 1000));
		}
		if (text.endsWith("m")) {
			return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1).strip()));
		}
		return Duration.ofSeconds(Long.parseLong(text));
	}

	private static double percent(String value) {
		String text = value.strip();
		return Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
	}

	private static Map.Entry<?, ?> single(Object item, String step) {
		Map<?, ?> map = map(item, step + " condition or action");
		if (map.size() != 1) {
			throw new IllegalArgumentException(step + ": each condition or action is one 'name: argument' pair, not " + map.keySet());
		}
		return map.entrySet().iterator().next();
	}

	private static String field(Object argument, String name) {
		Object value = map(argument, name).get(name);
		if (value == null) {
			throw new IllegalArgumentException("'" + name + "' is missing in " + argument);
		}
		return value.toString();
	}

	private static Map<?, ?> map(Object value, String what) {
		if (!(value instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException(what + " must be a mapping, not " + value);
		}
		return map;
	}

	private static List<?> list(Object value, String what) {
		if (!(value instanceof List<?> list)) {
			throw new IllegalArgumentException("'" + what + "' must be a list");
		}
		return list;
	}

	private static String text(Object value, String what) {
		if (value == null) {
			throw new IllegalArgumentException("'" + what + "' is missing");
		}
		return value.toString();
	}

}
