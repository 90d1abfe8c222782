package com.figmart.strangler.gateway.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.figmart.strangler.gateway.resilience.RuleTraffic.SideTraffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The sliding window of the traffic figures, on a clock the test moves.
 */
class TrafficWindowTests {

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

	private final TrafficMonitor monitor = new TrafficMonitor(properties(), new TargetProtection(properties()), null,
			this.clock::get);

	private static ResilienceProperties properties() {
		return new ResilienceProperties(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60),
				Duration.ofMillis(500), new ResilienceProperties.Breaker(50, Duration.ofSeconds(10), 10,
						Duration.ofSeconds(10), 3),
				new ResilienceProperties.Bulkhead(10),
				new ResilienceProperties.Retry(java.util.Set.of("GET"), 3, Duration.ofMillis(50), 2, 0.5,
						Duration.ofSeconds(2), org.springframework.util.unit.DataSize.ofMegabytes(1)));
	}

	@Test
	void countsRequestsErrorsAndRateOverTheWindow() {
		for (int i = 0; i < 20; i++) {
			this.monitor.record("r", Side.NEW, 10_000_000, i % 4 == 0);
		}
		this.monitor.record("r", Side.LEGACY, 5_000_000, false);
		RuleTraffic traffic = this.monitor.traffic("r");
		assertThat(traffic.newSide().requests()).isEqualTo(20);
		assertThat(traffic.newSide().errorRate()).isEqualTo(0.25);
		assertThat(traffic.newSide().requestsPerSecond()).isEqualTo(2.0);
		assertThat(traffic.legacy().requests()).isEqualTo(1);
		assertThat(traffic.legacy().errorRate()).isZero();
	}

	@Test
	void forgetsSecondsThatLeftTheWindow() {
		this.monitor.record("r", Side.NEW, 1_000_000, true);
		this.clock.addAndGet(9 * SECOND);
		this.monitor.record("r", Side.NEW, 1_000_000, false);
		assertThat(this.monitor.traffic("r").newSide().requests()).isEqualTo(2);
		this.clock.addAndGet(SECOND);
		assertThat(this.monitor.traffic("r").newSide()).satisfies((side) -> {
			assertThat(side.requests()).isEqualTo(1);
			assertThat(side.errorRate()).isZero();
		});
		this.clock.addAndGet(70 * SECOND);
		assertThat(this.monitor.traffic("r").newSide().requests()).isZero();
	}

	@Test
	void reusesTheBucketOfASecondSeenOneHistoryAgo() {
		this.monitor.record("r", Side.NEW, 1_000_000, true);
		this.clock.addAndGet(60 * SECOND);
		this.monitor.record("r", Side.NEW, 1_000_000, false);
		assertThat(this.monitor.traffic("r").newSide().requests()).isEqualTo(1);
		assertThat(this.monitor.traffic("r").newSide().errorRate()).isZero();
	}

	@Test
	void p99IsWithinAFewPercentOfTheTrueValue() {
		for (int i = 1; i <= 1000; i++) {
			this.monitor.record("r", Side.NEW, i * 1_000_000L, false);
		}
		assertThat(this.monitor.traffic("r").newSide().p99Millis()).isCloseTo(990, within(990 * 0.07));
	}

	@Test
	void refusedCallsCountAsFailedRequestsWithoutLatency() {
		this.monitor.record("r", Side.NEW, 200_000_000, false);
		this.monitor.recordRefused("r");
		SideTraffic side = this.monitor.traffic("r").newSide();
		assertThat(side.requests()).isEqualTo(2);
		assertThat(side.errorRate()).isEqualTo(0.5);
		assertThat(side.p99Millis()).isCloseTo(200, within(200 * 0.07));
	}

	@Test
	void leavesOutSecondsBeforeAGivenOne() {
		this.monitor.record("r", Side.NEW, 1_000_000, true);
		this.clock.addAndGet(2 * SECOND);
		long since = this.monitor.currentSecond();
		this.monitor.record("r", Side.NEW, 1_000_000, false);
		assertThat(this.monitor.figures("r", Side.NEW, Duration.ofSeconds(10), since).requests()).isEqualTo(1);
	}

	@Test
	void alsoRecordsAMicrometerTimerPerRuleSideAndOutcome() {
		io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
		TrafficMonitor metered = new TrafficMonitor(properties(), new TargetProtection(properties()), meters,
				this.clock::get);
		metered.record("r", Side.NEW, 2_000_000, false);
		metered.record("r", Side.NEW, 2_000_000, true);
		metered.record("r", Side.LEGACY, 2_000_000, false);
		assertThat(meters.get(TrafficMonitor.METER).tags("rule", "r", "side", "new", "outcome", "error").timer().count())
			.isEqualTo(1);
		assertThat(meters.get(TrafficMonitor.METER).tags("rule", "r", "side", "legacy", "outcome", "success").timer().count())
			.isEqualTo(1);
	}

	@Test
	void givesFiguresOverOtherWindowsWithinTheHistory() {
		this.monitor.record("r", Side.NEW, 1_000_000, false);
		this.clock.addAndGet(30 * SECOND);
		this.monitor.record("r", Side.NEW, 1_000_000, false);
		assertThat(this.monitor.traffic("r").newSide().requests()).isEqualTo(1);
		RuleTraffic minute = this.monitor.traffic("r", Duration.ofMinutes(1));
		assertThat(minute.window()).isEqualTo(Duration.ofSeconds(60));
		assertThat(minute.newSide().requests()).isEqualTo(2);
		assertThat(this.monitor.traffic("r", Duration.ofHours(1)).window()).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.monitor.ruleIds()).containsExactly("r");
	}

	@Test
	void unknownRuleHasNoTraffic() {
		assertThat(this.monitor.traffic("nothing").newSide().requests()).isZero();
		assertThat(this.monitor.traffic("nothing").newSide().p99Millis()).isZero();
	}

	@Test
	void histogramBucketsCoverEveryLatencyInOrder() {
		int previous = -1;
		for (long micros = 0; micros < (1L << 27); micros = micros * 5 / 4 + 1) {
			int index = TrafficWindow.index(micros);
			assertThat(index).isGreaterThanOrEqualTo(previous).isLessThan(TrafficWindow.HISTOGRAM_BUCKETS);
			assertThat(TrafficWindow.midpointMicros(index)).isCloseTo(micros, within(Math.max(1, micros * 0.07)));
			previous = index;
		}
	}

}
