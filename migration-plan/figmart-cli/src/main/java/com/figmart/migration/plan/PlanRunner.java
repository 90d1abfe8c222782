package com.figmart.migration.plan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.figmart.migration.plan.Plan.Step;

/**
 * Applies and rolls back the steps of a {@link Plan}, one at a time and in order. A step whose preconditions do
 * not hold is refused and nothing changes; a step whose actions fail or whose checks do not hold in time is rolled
 * back. The runner knows the vocabulary of conditions and actions, not what the plan migrates.
 */
public final class PlanRunner {

	/** Progress of a step, for people. */
	public interface Listener {

		void progress(String message);

	}

	/** A condition and what was observed. */
	public record Evaluation(Condition condition, boolean met, String observed) {
	}

	/** Where a step stands. */
	public enum StepState {

		APPLIED, NEXT, PENDING

	}

	public record StepStatus(Step step, StepState state, Instant appliedAt) {
	}

	/** The outcome of applying or rolling back a step. */
	public sealed interface Outcome {

		/** The step was applied (or rolled back) and its checks hold. */
		record Done(Step step, List<Evaluation> checks) implements Outcome {
		}

		/** Not even tried: out of order, or a precondition does not hold. Nothing changed. */
		record Refused(Step step, String reason, List<Evaluation> preconditions) implements Outcome {
		}

		/** Tried and failed; the step's changes were undone as far as {@code rolledBack} says. */
		record Failed(Step step, String reason, List<Evaluation> checks, boolean rolledBack) implements Outcome {
		}

	}

	private static final Duration CHECK_INTERVAL = Duration.ofMillis(250);

	private static final int PARITY_ATTEMPTS = 6;

	private static final Duration PARITY_RETRY_INTERVAL = Duration.ofMillis(500);

	private final Plan plan;

	private final PlanState state;

	private final Gateway gateway;

	private final SyncBridge bridge;

	private final Predicate<String> health;

	private final Listener listener;

	private final Clock clock;

	/**
	 * @param health whether a service, by its name in the topology, answers its health URL with 200
	 */
	public PlanRunner(Plan plan, PlanState state, Gateway gateway, SyncBridge bridge, Predicate<String> health,
			Listener listener, Clock clock) {
		this.plan = plan;
		this.state = state;
		this.gateway = gateway;
		this.bridge = bridge;
		this.health = health;
		this.listener = listener;
		this.clock = clock;
	}

	public Plan plan() {
		return this.plan;
	}

	public List<StepStatus> status() {
		Map<String, Instant> applied = this.state.applied();
		Optional<Step> next = next();
		return this.plan.steps().stream().map((step) -> {
			if (applied.containsKey(step.id())) {
				return new StepStatus(step, StepState.APPLIED, applied.get(step.id()));
			}
			return new StepStatus(step, next.filter(step::equals).isPresent() ? StepState.NEXT : StepState.PENDING, null);
		}).toList();
	}

	/** The first step not applied yet; empty when the plan is complete. */
	public Optional<Step> next() {
		Map<String, Instant> applied = this.state.applied();
		return this.plan.steps().stream().filter((step) -> !applied.containsKey(step.id())).findFirst();
	}

	public List<Evaluation> evaluate(List<Condition> conditions) {
		return conditions.stream().map(this::evaluate).toList();
	}

	public Outcome apply(String stepId) {
		Step step = step(stepId);
		Optional<Step> next = next();
		if (next.isEmpty() || !next.get().equals(step)) {
			String reason = this.state.applied().containsKey(stepId) ? "it is applied already"
					: "apply " + next.map(Step::id).orElse("?") + " first: steps are applied in order";
			return new Outcome.Refused(step, reason, List.of());
		}
		List<Evaluation> preconditions = evaluate(step.preconditions());
		List<Evaluation> unmet = preconditions.stream().filter((evaluation) -> !evaluation.met()).toList();
		if (!unmet.isEmpty()) {
			return new Outcome.Refused(step, unmet.size() + " precondition(s) do not hold", preconditions);
		}
		try {
			run(step.actions(), "apply " + step.id());
		}
		catch (RuntimeException ex) {
			boolean undone = undo(step);
			return new Outcome.Failed(step, "an action failed: " + ex.getMessage(), List.of(), undone);
		}
		List<Evaluation> checks = awaitChecks(step);
		if (checks.stream().anyMatch((evaluation) -> !evaluation.met())) {
			boolean undone = undo(step);
			return new Outcome.Failed(step, "its checks did not hold within " + step.settle().toMillis() + " ms", checks, undone);
		}
		this.state.markApplied(step.id(), this.clock.instant());
		return new Outcome.Done(step, checks);
	}

	public Outcome rollback(String stepId) {
		Step step = step(stepId);
		List<String> applied = new ArrayList<>(this.state.applied().keySet());
		if (!applied.contains(stepId)) {
			return new Outcome.Refused(step, "it is not applied", List.of());
		}
		String last = applied.get(applied.size() - 1);
		if (!last.equals(stepId)) {
			return new Outcome.Refused(step, "roll back " + last + " first: steps are rolled back in reverse order", List.of());
		}
		try {
			run(step.rollback(), "roll back " + step.id());
		}
		catch (RuntimeException ex) {
			return new Outcome.Failed(step, "a rollback action failed: " + ex.getMessage(), List.of(), false);
		}
		this.state.markRolledBack(step.id());
		return new Outcome.Done(step, List.of());
	}

	private Step step(String id) {
		return this.plan.step(id).orElseThrow(() -> new IllegalArgumentException("The plan " + this.plan.name()
				+ " has no step '" + id + "'; its steps: " + this.plan.steps().stream().map(Step::id).toList()));
	}

	private boolean undo(Step step) {
		try {
			run(step.rollback(), "undo " + step.id());
			return true;
		}
		catch (RuntimeException ex) {
			this.listener.progress("undoing " + step.id() + " failed too: " + ex.getMessage());
			return false;
		}
	}

	private void run(List<Action> actions, String what) {
		for (int i = 0; i < actions.size(); i++) {
			Action action = actions.get(i);
			this.listener.progress(what + " [" + (i + 1) + "/" + actions.size() + "]: " + action.describe());
			long begin = System.nanoTime();
			perform(action, what);
			this.listener.progress("  done in " + Duration.ofNanos(System.nanoTime() - begin).toMillis() + " ms");
		}
	}

	private void perform(Action action, String what) {
		String reason = "figmart plan: " + what;
		if (action instanceof Action.SetMode setMode) {
			this.gateway.setMode(setMode.rule(), setMode.mode(), reason);
		}
		else if (action instanceof Action.ResetShadow reset) {
			this.gateway.resetShadow(reset.rule());
		}
		else if (action instanceof Action.WriteCutover cutover) {
			new WriteCutover(this.gateway, this.bridge, this.listener::progress).run(cutover.rule(), cutover.mode(),
					cutover.direction(), cutover.maxHold(), reason);
		}
		else {
			throw new IllegalStateException("Unknown action " + action);
		}
	}

	private List<Evaluation> awaitChecks(Step step) {
		long deadline = System.nanoTime() + step.settle().toNanos();
		List<Evaluation> checks = evaluate(step.checks());
		while (checks.stream().anyMatch((evaluation) -> !evaluation.met()) && System.nanoTime() - deadline < 0) {
			sleep(CHECK_INTERVAL);
			checks = evaluate(step.checks());
		}
		return checks;
	}

	private Evaluation evaluate(Condition condition) {
		try {
			return observe(condition);
		}
		catch (RuntimeException ex) {
			return new Evaluation(condition, false, "cannot tell: " + ex.getMessage());
		}
	}

	private Evaluation observe(Condition condition) {
		if (condition instanceof Condition.Healthy healthy) {
			boolean up = this.health.test(healthy.service());
			return new Evaluation(condition, up, up ? "UP" : "not answering 200");
		}
		if (condition instanceof Condition.RuleMode ruleMode) {
			String mode = this.gateway.mode(ruleMode.rule());
			return new Evaluation(condition, ruleMode.mode().equalsIgnoreCase(mode), "mode " + mode);
		}
		if (condition instanceof Condition.ShadowMatch shadow) {
			return shadowMatch(shadow);
		}
		if (condition instanceof Condition.BreakerClosed breaker) {
			String breakerState = this.gateway.breakerState(breaker.rule());
			return new Evaluation(condition, breakerState == null || "CLOSED".equals(breakerState), "breaker " + breakerState);
		}
		if (condition instanceof Condition.ParityClean parity) {
			// Under live writes a row changed a moment ago differs until the bridge has applied it: parity is clean
			// when one of a few checks, half a second apart, finds no difference.
			SyncBridge.Parity result = this.bridge.parity(parity.mapping());
			for (int attempt = 1; attempt < PARITY_ATTEMPTS && !result.clean(); attempt++) {
				sleep(PARITY_RETRY_INTERVAL);
				result = this.bridge.parity(parity.mapping());
			}
			String differing = result.differingKeys().isEmpty() ? "" : "; differing: " + result.differingKeys();
			return new Evaluation(condition, result.clean(), result.summary() + differing);
		}
		if (condition instanceof Condition.LagBelow lag) {
			long lagMillis = this.bridge.status().lagMillis();
			return new Evaluation(condition, lagMillis < lag.bound().toMillis(), "lag " + lagMillis + " ms");
		}
		if (condition instanceof Condition.SyncDirection direction) {
			String current = this.bridge.status().direction();
			return new Evaluation(condition, direction.direction().equalsIgnoreCase(current), "direction " + current);
		}
		throw new IllegalStateException("Unknown condition " + condition);
	}

	private Evaluation shadowMatch(Condition.ShadowMatch shadow) {
		Gateway.ShadowFigures figures = this.gateway.shadow(shadow.rule());
		if (figures.compared() < shadow.over() || figures.excessMismatchRate() == null) {
			return new Evaluation(shadow, false, figures.compared() + " compared, " + shadow.over() + " needed");
		}
		double matchPercent = 100.0 * (1.0 - figures.excessMismatchRate());
		return new Evaluation(shadow, matchPercent >= shadow.atLeastPercent(),
				String.format("%.2f %% over %d compared (noise taken off)", matchPercent, figures.compared()));
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
