package com.figmart.strangler.gateway.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import com.figmart.strangler.gateway.resilience.RuleTraffic.SideTraffic;

/**
 * The traffic figures of every rule and side, over a sliding window, as the dashboard shows them and the
 * guards judge them; and the state of each new target's circuit breaker.
 *
 * <p>Every request the gateway routes is counted once on the side that answered it, under its rule id
 * ({@code default} when no rule matched); each call to a new target is counted on the new side, so a request
 * that was retried twice and then fell back counts three calls on the new side and one request on the
 * legacy side. Latency is the time to the response headers. When a {@link MeterRegistry} is present, the same
 * events are also recorded as the timer {@value #METER} with the tags {@code rule}, {@code side} and
 * {@code outcome} ({@code success} or {@code error}).
 */
public final class TrafficMonitor {

	/** The Micrometer timer name. */
	public static final String METER = "figmart.gateway.requests";

	/** The breaker state shown for the monolith, which has no breaker. */
	public static final String NO_BREAKER = "NONE";

	private final Map<String, RuleSides> rules = new ConcurrentHashMap<>();

	private final Duration window;

	private final int historySeconds;

	private final TargetProtection protection;

	private final @Nullable MeterRegistry meters;

	private final LongSupplier nanoClock;

	TrafficMonitor(ResilienceProperties properties, TargetProtection protection, @Nullable MeterRegistry meters,
			LongSupplier nanoClock) {
		this.window = properties.statsWindow();
		this.historySeconds = (int) properties.statsHistory().toSeconds();
		this.protection = protection;
		this.meters = meters;
		this.nanoClock = nanoClock;
	}

	/** The figures of a rule over {@code figmart.gateway.resilience.stats-window}; zeros for a rule without traffic. */
	public RuleTraffic traffic(String ruleId) {
		return traffic(ruleId, this.window);
	}

	/**
	 * The figures of a rule over another window, in whole seconds from 1 s up to
	 * {@code figmart.gateway.resilience.stats-history}.
	 */
	public RuleTraffic traffic(String ruleId, Duration window) {
		Duration span = Duration.ofSeconds(Math.min(Math.max(1, window.toSeconds()), this.historySeconds));
		return new RuleTraffic(ruleId, span, figures(ruleId, Side.LEGACY, span, Long.MIN_VALUE),
				figures(ruleId, Side.NEW, span, Long.MIN_VALUE));
	}

	/** The rule ids that have had traffic since start, {@code default} included once a request matched no rule. */
	public Set<String> ruleIds() {
		return Set.copyOf(this.rules.keySet());
	}

	/**
	 * The state of a new target's circuit breaker: {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN} (or
	 * another Resilience4j state); {@code CLOSED} for a target not called yet, {@value #NO_BREAKER} for
	 * {@code legacy}.
	 */
	public String breakerState(String target) {
		if ("legacy".equals(target)) {
			return NO_BREAKER;
		}
		return this.protection.breakerState(target);
	}

	/** The figures of one side over {@code window}, leaving out the seconds before {@code notBeforeSecond}. */
	SideTraffic figures(String ruleId, Side side, Duration window, long notBeforeSecond) {
		int seconds = (int) Math.min(Math.max(1, window.toSeconds()), this.historySeconds);
		RuleSides sides = this.rules.get(ruleId);
		if (sides == null) {
			return new SideTraffic(side.label(), 0, 0, 0, 0);
		}
		TrafficWindow.Figures figures = sides.window(side).figures(currentSecond(), seconds, notBeforeSecond);
		return new SideTraffic(side.label(), figures.requests(), (double) figures.requests() / seconds,
				figures.errorRate(), figures.p99Millis());
	}

	/** The current second of the monitor's clock, the unit of {@code notBeforeSecond}. */
	long currentSecond() {
		return Math.floorDiv(this.nanoClock.getAsLong(), 1_000_000_000L);
	}

	long nanoTime() {
		return this.nanoClock.getAsLong();
	}

	/** Counts a request that was sent and answered or failed. */
	void record(String ruleId, Side side, long latencyNanos, boolean error) {
		RuleSides sides = sidesOf(ruleId);
		sides.window(side).record(currentSecond(), latencyNanos, error);
		if (this.meters != null) {
			sides.timer(side, error).record(latencyNanos, TimeUnit.NANOSECONDS);
		}
	}

	/** Counts a call to a new target refused before it was sent (open breaker, full bulkhead). */
	void recordRefused(String ruleId) {
		sidesOf(ruleId).window(Side.NEW).record(currentSecond(), -1, true);
	}

	private RuleSides sidesOf(String ruleId) {
		RuleSides sides = this.rules.get(ruleId);
		return (sides != null) ? sides : this.rules.computeIfAbsent(ruleId, this::newSides);
	}

	private RuleSides newSides(String ruleId) {
		return new RuleSides(ruleId, this.historySeconds, this.meters);
	}

	/** The two windows of one rule and, if metrics are on, its four timers. */
	private static final class RuleSides {

		private final TrafficWindow legacy;

		private final TrafficWindow modern;

		private final Timer @Nullable [] timers;

		RuleSides(String ruleId, int historySeconds, @Nullable MeterRegistry meters) {
			this.legacy = new TrafficWindow(historySeconds);
			this.modern = new TrafficWindow(historySeconds);
			if (meters != null) {
				this.timers = new Timer[4];
				for (Side side : Side.values()) {
					for (boolean error : new boolean[] { false, true }) {
						this.timers[slot(side, error)] = Timer.builder(METER)
							.description("Requests routed by the strangler gateway, by rule, side and outcome")
							.tag("rule", ruleId)
							.tag("side", side.label())
							.tag("outcome", error ? "error" : "success")
							.register(meters);
					}
				}
			}
			else {
				this.timers = null;
			}
		}

		TrafficWindow window(Side side) {
			return (side == Side.LEGACY) ? this.legacy : this.modern;
		}

		Timer timer(Side side, boolean error) {
			return this.timers[slot(side, error)];
		}

		private static int slot(Side side, boolean error) {
			return side.ordinal() * 2 + (error ? 1 : 0);
		}

	}

}
