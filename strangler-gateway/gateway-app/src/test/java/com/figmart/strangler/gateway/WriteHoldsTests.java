package com.figmart.strangler.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The holds of one instance, without HTTP: when they end, what a reload does to them, who waits.
 */
class WriteHoldsTests {

	private final WriteHolds holds = new WriteHolds(
			new WriteHoldProperties(Duration.ofMillis(300), 2, Duration.ofSeconds(1), Duration.ofMillis(100)));

	@Test
	void onlyUnsafeMethodsAreHeld() {
		assertThat(WriteHolds.holds("POST")).isTrue();
		assertThat(WriteHolds.holds("PUT")).isTrue();
		assertThat(WriteHolds.holds("PATCH")).isTrue();
		assertThat(WriteHolds.holds("DELETE")).isTrue();
		assertThat(WriteHolds.holds("GET")).isFalse();
		assertThat(WriteHolds.holds("HEAD")).isFalse();
		assertThat(WriteHolds.holds("OPTIONS")).isFalse();
	}

	@Test
	void aHoldStoredLongerThanTheCeilingEndsHereAtTheCeilingAndAReloadDoesNotStartItAgain() {
		Map<String, Instant> stored = Map.of("r", Instant.now().plusSeconds(60));
		holds.apply(stored);
		assertThat(holds.isHeld("r")).isTrue();
		assertThat(holds.hold("r").orElseThrow().endsAt()).isBefore(Instant.now().plusMillis(301));

		await().atMost(Duration.ofSeconds(2)).until(() -> !holds.isHeld("r"));
		holds.apply(stored);
		assertThat(holds.isHeld("r")).isFalse();

		// a new hold (another stored end) is applied
		holds.apply(Map.of("r", Instant.now().plusSeconds(1)));
		assertThat(holds.isHeld("r")).isTrue();
	}

	@Test
	void aHoldThatHasEndedAlreadyIsNotApplied() {
		holds.apply(Map.of("r", Instant.now().minusMillis(1)));
		assertThat(holds.isHeld("r")).isFalse();
	}

	@Test
	void waitersGoOnWhenTheHoldIsGoneFromTheStoreAndWaitAgainOnAHoldThatReplacesIt() {
		holds.apply(Map.of("r", Instant.now().plusMillis(250)));
		Mono<Void> first = holds.released("r");
		var waiting = first.toFuture();
		await().until(() -> holds.waiting("r") == 1);
		assertThat(waiting).isNotDone();

		holds.apply(Map.of());
		await().atMost(Duration.ofSeconds(1)).until(waiting::isDone);
		assertThat(holds.waiting("r")).isZero();
		assertThat(holds.released("r").toFuture()).isDone();
	}

	@Test
	void refusesWaitersBeyondTheLimitAndCountsThem() {
		holds.apply(Map.of("r", Instant.now().plusMillis(250)));
		var one = holds.released("r").toFuture();
		var two = holds.released("r").toFuture();
		var three = holds.released("r").toFuture();

		await().until(three::isDone);
		assertThat(three).isCompletedExceptionally();
		assertThat(holds.refused("r")).isEqualTo(1);
		assertThat(one).isNotDone();
		await().atMost(Duration.ofSeconds(2)).until(() -> one.isDone() && two.isDone());
		assertThat(one).isCompleted().isNotCompletedExceptionally();
	}

	@Test
	void drainedOnceNoWriteIsUnderWay() {
		holds.started("r");
		assertThat(holds.drained("r", Duration.ofMillis(50)).block()).isFalse();
		holds.finished("r");
		assertThat(holds.drained("r", Duration.ofMillis(50)).block()).isTrue();
	}

}
