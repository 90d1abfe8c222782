package com.figmart.migration.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import com.figmart.migration.plan.Plan;
import com.figmart.migration.plan.PlanRunner;
import com.figmart.migration.plan.PlanRunner.Evaluation;
import com.figmart.migration.plan.PlanRunner.Outcome;
import com.figmart.migration.plan.PlanState;
import com.figmart.migration.system.HttpSystem;

@Command(name = "plan", description = "Shows, applies and rolls back the steps of a migration plan.",
		subcommands = { PlanCommand.Status.class, PlanCommand.Next.class, PlanCommand.Apply.class, PlanCommand.Rollback.class })
final class PlanCommand {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

	/** Which plan, where its state is kept, and how to reach the system it changes. */
	static final class PlanOptions {

		@Option(names = "--plan", paramLabel = "FILE", defaultValue = "migration-plan/plans/catalog.yml",
				description = "The plan (default: ${DEFAULT-VALUE}).")
		Path plan;

		@Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "data/figmart",
				description = "Where the applied steps are recorded (default: ${DEFAULT-VALUE}).")
		Path stateDirectory;

		@Mixin
		TopologyOptions topology;

		@Mixin
		GatewayAccess gatewayAccess;

		PlanRunner runner(Terminal terminal) {
			Plan plan = Plan.read(this.plan);
			var topology = this.topology.read();
			var system = new HttpSystem(topology, plan, this.gatewayAccess::bearerToken);
			return new PlanRunner(plan, new PlanState(this.stateDirectory.resolve("plan-" + plan.name() + ".state")),
					system.gateway(), system.bridge(), system::healthy, terminal::println, Clock.systemUTC());
		}

	}

	@Command(name = "status", description = "Every step of the plan: applied (when), next, or pending.")
	static final class Status implements Callable<Integer> {

		private final Terminal terminal;

		@Mixin
		PlanOptions options;

		Status(Terminal terminal) {
			this.terminal = terminal;
		}

		@Override
		public Integer call() {
			PlanRunner runner = this.options.runner(this.terminal);
			this.terminal.println(this.terminal.bold(runner.plan().title()));
			List<List<String>> rows = runner.status().stream().map((status) -> List.of(
					Integer.toString(status.step().chapter()), status.step().id(), state(status), status.step().title()))
				.toList();
			this.terminal.table(List.of("CH", "STEP", "STATE", "TITLE"), rows);
			return FigmartCli.OK;
		}

		private String state(PlanRunner.StepStatus status) {
			return switch (status.state()) {
				case APPLIED -> this.terminal.green("applied " + WHEN.format(status.appliedAt()));
				case NEXT -> this.terminal.bold("next");
				case PENDING -> "pending";
			};
		}

	}

	@Command(name = "next", description = { "The next step: why, what it does, and whether its preconditions hold now.",
			"Exits 0 when it may be applied, 4 when a precondition does not hold." })
	static final class Next implements Callable<Integer> {

		private final Terminal terminal;

		@Mixin
		PlanOptions options;

		Next(Terminal terminal) {
			this.terminal = terminal;
		}

		@Override
		public Integer call() {
			PlanRunner runner = this.options.runner(this.terminal);
			var next = runner.next();
			if (next.isEmpty()) {
				this.terminal.println(this.terminal.green("Every step of " + runner.plan().name() + " is applied."));
				return FigmartCli.OK;
			}
			var step = next.get();
			this.terminal.println(this.terminal.bold("Next: " + step.id() + " (chapter " + step.chapter() + ") - " + step.title()));
			this.terminal.println("Why: " + step.why());
			step.actions().forEach((action) -> this.terminal.println("Does: " + action.describe()));
			if (step.actions().isEmpty()) {
				this.terminal.println("Does: nothing; it confirms the system is where the plan says");
			}
			List<Evaluation> preconditions = runner.evaluate(step.preconditions());
			printEvaluations(this.terminal, "Preconditions", preconditions);
			boolean ready = preconditions.stream().allMatch(Evaluation::met);
			this.terminal.println(ready ? this.terminal.green("Ready: ./figmart plan apply " + step.id())
					: this.terminal.red("Not ready: the preconditions above do not all hold"));
			return ready ? FigmartCli.OK : FigmartCli.REFUSED;
		}

	}

	@Command(name = "apply", description = { "Applies a step: the next one, only if its preconditions hold.",
			"Exits 0 when applied, 4 when refused (nothing changed), 5 when it failed and was undone." })
	static final class Apply implements Callable<Integer> {

		private final Terminal terminal;

		@Mixin
		PlanOptions options;

		@Parameters(paramLabel = "STEP", description = "The step to apply.")
		String step;

		Apply(Terminal terminal) {
			this.terminal = terminal;
		}

		@Override
		public Integer call() {
			return report(this.terminal, this.options.runner(this.terminal).apply(this.step), "applied");
		}

	}

	@Command(name = "rollback", description = { "Rolls back a step: the last applied one.",
			"Exits 0 when rolled back, 4 when refused (nothing changed), 5 when a rollback action failed." })
	static final class Rollback implements Callable<Integer> {

		private final Terminal terminal;

		@Mixin
		PlanOptions options;

		@Parameters(paramLabel = "STEP", description = "The step to roll back.")
		String step;

		Rollback(Terminal terminal) {
			this.terminal = terminal;
		}

		@Override
		public Integer call() {
			return report(this.terminal, this.options.runner(this.terminal).rollback(this.step), "rolled back");
		}

	}

	static int report(Terminal terminal, Outcome outcome, String done) {
		if (outcome instanceof Outcome.Done success) {
			printEvaluations(terminal, "Checks", success.checks());
			terminal.println(terminal.green(success.step().id() + " " + done + "."));
			return FigmartCli.OK;
		}
		if (outcome instanceof Outcome.Refused refused) {
			printEvaluations(terminal, "Preconditions", refused.preconditions());
			terminal.println(terminal.red("Refused " + refused.step().id() + ": " + refused.reason() + ". Nothing changed."));
			return FigmartCli.REFUSED;
		}
		Outcome.Failed failed = (Outcome.Failed) outcome;
		printEvaluations(terminal, "Checks", failed.checks());
		terminal.println(terminal.red(failed.step().id() + " failed: " + failed.reason() + "; "
				+ (failed.rolledBack() ? "its changes were undone." : "its changes could NOT all be undone: check the system.")));
		return FigmartCli.CHECK_FAILED;
	}

	static void printEvaluations(Terminal terminal, String heading, List<Evaluation> evaluations) {
		if (evaluations.isEmpty()) {
			return;
		}
		terminal.println(heading + ":");
		List<List<String>> rows = evaluations.stream().map((evaluation) -> List.of(
				evaluation.met() ? terminal.green("ok") : terminal.red("NO"), evaluation.condition().describe(), evaluation.observed()))
			.toList();
		terminal.table(List.of("", "CONDITION", "OBSERVED"), rows);
	}

}
