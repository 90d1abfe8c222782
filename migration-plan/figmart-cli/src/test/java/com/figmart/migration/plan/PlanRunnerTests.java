package com.figmart.migration.plan;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.figmart.migration.plan.PlanRunner.Outcome;
import com.figmart.migration.plan.PlanRunner.StepState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner against a system held in memory: the gateway's and the bridge's state are plain fields, so every
 * test can say exactly what holds and see exactly what changed.
 */
class PlanRunnerTests {

	private static final String PLAN = """
			plan: test
			title: A test plan
			gateway: gw
			bridge: br
			steps:
			  - id: baseline
			    title: nothing moved yet
			    preconditions:
			      - rule-mode: {rule: reads, mode: LEGACY}
			  - id: shadow
			    title: compare reads
			    preconditions:
			      - parity-clean: products
			    actions:
			      - reset-shadow: reads
			      - set-mode: {rule: reads, mode: SHADOW}
			    checks:
			      - rule-mode: {rule: reads, mode: SHADOW}
			    settle: 200ms
			    rollback:
			      - set-mode: {rule: reads, mode: LEGACY}
			  - id: canary
			    title: some reads
			    preconditions:
			      - shadow-match: {rule: reads, at-least: 99.9%, over: 100}
			    actions:
			      - set-mode: {rule: reads, mode: CANARY(10)}
			    checks:
			      - breaker-closed: reads
			    settle: 200ms
			    rollback:
			      - set-mode: {rule: reads, mode: SHADOW}
			  - id: writes
			    title: move writes
			    actions:
			      - write-cutover: {rule: writes, mode: NEW, direction: REVERSE, max-hold: 2s}
			    checks:
			      - sync-direction: REVERSE
			    rollback:
			      - write-cutover: {rule: writes, mode: LEGACY, direction: FORWARD}
			""";

	@TempDir
	Path directory;

	private final InMemoryGateway gateway = new InMemoryGateway();

	private final InMemoryBridge bridge = new InMemoryBridge(this.gateway);

	private final List<String> progress = new ArrayList<>();

	@Test
	void appliesTheStepsInOrderAndRecordsThem() {
		PlanRunner runner = runner();

		assertThat(runner.apply("baseline")).isInstanceOf(Outcome.Done.class);
		assertThat(runner.apply("shadow")).isInstanceOf(Outcome.Done.class);

		assertThat(this.gateway.modes).containsEntry("reads", "SHADOW");
		assertThat(this.gateway.shadowResets).isEqualTo(1);
		assertThat(runner().status()).extracting(PlanRunner.StepStatus::state)
			.containsExactly(StepState.APPLIED, StepState.APPLIED, StepState.NEXT, StepState.PENDING);
	}

	@Test
	void refusesAStepOutOfOrderAndChangesNothing() {
		Outcome outcome = runner().apply("shadow");

		assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class,
				(refused) -> assertThat(refused.reason()).isEqualTo("apply baseline first: steps are applied in order"));
		assertThat(this.gateway.modes).containsEntry("reads", "LEGACY");
	}

	@Test
	void refusesAStepWhosePreconditionsDoNotHoldNamingWhatWasObserved() {
		PlanRunner runner = runner();
		runner.apply("baseline");
		this.bridge.parityClean = false;

		Outcome outcome = runner.apply("shadow");

		assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class, (refused) -> {
			assertThat(refused.reason()).isEqualTo("1 precondition(s) do not hold");
			assertThat(refused.preconditions()).singleElement().satisfies((evaluation) -> {
				assertThat(evaluation.met()).isFalse();
				assertThat(evaluation.observed()).isEqualTo("2 rows differ; differing: [SKU-1, SKU-2]");
			});
		});
		assertThat(this.gateway.modes).containsEntry("reads", "LEGACY");
		assertThat(this.gateway.shadowResets).isZero();
	}

	@Test
	void aShadowMatchNeedsEnoughComparedRequestsAndTakesTheNoiseOff() {
		PlanRunner runner = runner();
		runner.apply("baseline");
		runner.apply("shadow");

		this.gateway.shadow = new Gateway.ShadowFigures(50, 0.0);
		assertThat(runner.apply("canary")).isInstanceOfSatisfying(Outcome.Refused.class,
				(refused) -> assertThat(refused.preconditions().get(0).observed()).isEqualTo("50 compared, 100 needed"));

		this.gateway.shadow = new Gateway.ShadowFigures(1000, 0.002);
		assertThat(runner.apply("canary")).isInstanceOf(Outcome.Refused.class);

		this.gateway.shadow = new Gateway.ShadowFigures(1000, 0.0005);
		assertThat(runner.apply("canary")).isInstanceOf(Outcome.Done.class);
		assertThat(this.gateway.modes).containsEntry("reads", "CANARY(10)");
	}

	@Test
	void undoesAStepWhoseChecksDoNotHoldInTime() {
		PlanRunner runner = runner();
		runner.apply("baseline");
		runner.apply("shadow");
		this.gateway.shadow = new Gateway.ShadowFigures(1000, 0.0);
		this.gateway.breaker = "OPEN";

		Outcome outcome = runner.apply("canary");

		assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, (failed) -> {
			assertThat(failed.rolledBack()).isTrue();
			assertThat(failed.checks()).singleElement().satisfies((check) -> assertThat(check.observed()).isEqualTo("breaker OPEN"));
		});
		assertThat(this.gateway.modes).containsEntry("reads", "SHADOW");
		assertThat(runner.next()).get().extracting(Plan.Step::id).isEqualTo("canary");
	}

	@Test
	void rollsBackOnlyTheLastAppliedStep() {
		PlanRunner runner = runner();
		runner.apply("baseline");
		runner.apply("shadow");

		assertThat(runner.rollback("baseline")).isInstanceOfSatisfying(Outcome.Refused.class,
				(refused) -> assertThat(refused.reason()).isEqualTo("roll back shadow first: steps are rolled back in reverse order"));
		assertThat(runner.rollback("shadow")).isInstanceOf(Outcome.Done.class);

		assertThat(this.gateway.modes).containsEntry("reads", "LEGACY");
		assertThat(runner.next()).get().extracting(Plan.Step::id).isEqualTo("shadow");
	}

	@Test
	void theWriteCutoverHoldsWritesSwitchesTheCaughtUpSyncAndReleasesInThatOrder() {
		PlanRunner runner = runnerAtTheWriteCutover();

		assertThat(runner.apply("writes")).isInstanceOf(Outcome.Done.class);
		assertThat(runner.rollback("writes")).isInstanceOf(Outcome.Done.class);

		assertThat(this.gateway.calls).containsExactly("hold writes", "direction REVERSE", "release writes NEW", "hold writes",
				"direction FORWARD", "release writes LEGACY");
	}

	@Test
	void aCutoverThatCannotCatchUpReleasesTheWritesWhereTheyWereAndKeepsTheDirection() {
		PlanRunner runner = runnerAtTheWriteCutover();
		this.bridge.catchUpFails = true;

		Outcome outcome = runner.apply("writes");

		assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, (failed) -> {
			assertThat(failed.reason()).isEqualTo("an action failed: lag did not reach zero in time");
			assertThat(failed.rolledBack()).isTrue();
		});
		assertThat(this.gateway.calls).containsExactly("hold writes", "release writes to LEGACY");
		assertThat(this.gateway.modes).containsEntry("writes", "LEGACY");
		assertThat(this.bridge.direction).isEqualTo("FORWARD");
	}

	@Test
	void aCutoverDoesNotSwitchWhileWritesFromBeforeTheHoldAreStillUnderWay() {
		PlanRunner runner = runnerAtTheWriteCutover();
		this.gateway.drains = false;

		Outcome outcome = runner.apply("writes");

		assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, (failed) -> assertThat(failed.reason())
			.isEqualTo("an action failed: writes of writes were still under way when the hold began"));
		assertThat(this.gateway.calls).containsExactly("hold writes", "release writes to LEGACY");
		assertThat(this.bridge.direction).isEqualTo("FORWARD");
	}

	private PlanRunner runnerAtTheWriteCutover() {
		PlanRunner runner = runner();
		runner.apply("baseline");
		runner.apply("shadow");
		this.gateway.shadow = new Gateway.ShadowFigures(1000, 0.0);
		runner.apply("canary");
		return runner;
	}

	@Test
	void readsTheRepositorysCatalogPlan() {
		Plan plan = Plan.read(Path.of("../plans/catalog.yml"));

		assertThat(plan.steps()).extracting(Plan.Step::id).containsExactly("baseline", "start-service", "backfill", "parity",
				"shadow-reads", "canary-reads", "read-cutover", "write-cutover", "decommission");
		assertThat(plan.steps()).allSatisfy((step) -> assertThat(step.why()).isNotBlank());
		assertThat(plan.steps()).filteredOn((step) -> !step.actions().isEmpty())
			.allSatisfy((step) -> assertThat(step.rollback()).as(step.id() + " can be rolled back").isNotEmpty());
	}

	private PlanRunner runner() {
		return new PlanRunner(Plan.parse(new StringReader(PLAN)), new PlanState(this.directory.resolve("test.state")),
				this.gateway, this.bridge, (service) -> true, this.progress::add,
				Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
	}

	static final class InMemoryGateway implements Gateway {

		final Map<String, String> modes = new HashMap<>(Map.of("reads", "LEGACY", "writes", "LEGACY"));

		final List<String> calls = new ArrayList<>();

		ShadowFigures shadow = new ShadowFigures(0, null);

		String breaker = "CLOSED";

		int shadowResets;

		@Override
		public String mode(String rule) {
			return this.modes.get(rule);
		}

		@Override
		public void setMode(String rule, String mode, String reason) {
			this.modes.put(rule, mode);
		}

		@Override
		public ShadowFigures shadow(String rule) {
			return this.shadow;
		}

		@Override
		public void resetShadow(String rule) {
			this.shadowResets++;
		}

		@Override
		public String breakerState(String rule) {
			return this.breaker;
		}

		boolean drains = true;

		@Override
		public Hold holdWrites(String rule, Duration maxHold, String reason) {
			this.calls.add("hold writes");
			return new Hold(7, this.drains);
		}

		@Override
		public void releaseWrites(String rule, String mode, long version, String reason) {
			assertThat(version).isEqualTo(7);
			this.modes.put(rule, mode);
			this.calls.add("release writes " + mode);
		}

		@Override
		public void releaseWrites(String rule, String reason) {
			this.calls.add("release writes to " + this.modes.get(rule));
		}

	}

	static final class InMemoryBridge implements SyncBridge {

		private final InMemoryGateway gateway;

		String direction = "FORWARD";

		boolean parityClean = true;

		boolean catchUpFails;

		InMemoryBridge(InMemoryGateway gateway) {
			this.gateway = gateway;
		}

		@Override
		public Status status() {
			return new Status(this.direction, 0);
		}

		@Override
		public Parity parity(String mapping) {
			return this.parityClean ? new Parity(true, "clean", List.of()) : new Parity(false, "2 rows differ", List.of("SKU-1", "SKU-2"));
		}

		@Override
		public void awaitCaughtUp() {
			if (this.catchUpFails) {
				throw new IllegalStateException("lag did not reach zero in time");
			}
			this.gateway.calls.add("caught up");
		}

		@Override
		public void switchDirection(String direction) {
			if (this.catchUpFails) {
				throw new IllegalStateException("lag did not reach zero in time");
			}
			this.direction = direction;
			this.gateway.calls.add("direction " + direction);
		}

	}

}
