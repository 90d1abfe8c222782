package com.figmart.strangler.gateway.resilience;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import com.figmart.strangler.gateway.AutomaticRollback;
import com.figmart.strangler.gateway.GatewayRule;
import com.figmart.strangler.gateway.LiveRules;
import com.figmart.strangler.gateway.RulePolicy;
import com.figmart.strangler.gateway.resilience.RuleTraffic.SideTraffic;
import com.figmart.strangler.rules.Mode;

import org.springframework.context.SmartLifecycle;

/**
 * Watches the new side of every rule in CANARY or NEW mode that has a {@link RulePolicy.Guard}, every
 * {@code figmart.gateway.resilience.guard-interval}, and sends the rule back to LEGACY through
 * {@link AutomaticRollback} when the new target breaks the objective.
 *
 * <p>A guard only judges what was measured under the rule's current version: the seconds before this
 * instance first saw that version are left out, so a rule switched back to NEW after a rollback does not
 * roll back again on the old failures. It acts at most once per rule version; the rollback itself is
 * conditional on that version, so when several instances see the same failures only the first changes the
 * rule.
 */
final class RuleGuards implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RuleGuards.class);

	private final LiveRules rules;

	private final TrafficMonitor traffic;

	private final Supplier<@Nullable AutomaticRollback> rollback;

	private final Duration interval;

	private final Map<String, Watch> watches = new ConcurrentHashMap<>();

	private volatile @Nullable ScheduledExecutorService scheduler;

	private volatile boolean warnedNoRollback;

	RuleGuards(LiveRules rules, TrafficMonitor traffic, Supplier<@Nullable AutomaticRollback> rollback,
			Duration interval) {
		this.rules = rules;
		this.traffic = traffic;
		this.rollback = rollback;
		this.interval = interval;
	}

	/** Looks at every guarded rule once. */
	void check() {
		Set<String> guarded = new HashSet<>();
		for (GatewayRule rule : this.rules.rules()) {
			RulePolicy.Guard guard = rule.policy().guard();
			Mode.Kind kind = rule.rule().mode().kind();
			if (guard == null || (kind != Mode.Kind.NEW && kind != Mode.Kind.CANARY)) {
				continue;
			}
			guarded.add(rule.id());
			long version = rule.rule().version();
			Watch watch = this.watches.compute(rule.id(), (id, old) -> (old != null && old.version == version) ? old
					: new Watch(version, this.traffic.currentSecond()));
			if (!watch.acted) {
				judge(rule.id(), guard, watch);
			}
		}
		this.watches.keySet().retainAll(guarded);
	}

	private void judge(String ruleId, RulePolicy.Guard guard, Watch watch) {
		SideTraffic figures = this.traffic.figures(ruleId, Side.NEW, guard.window(), watch.sinceSecond);
		if (figures.requests() < guard.minRequests()) {
			return;
		}
		String window = seconds(guard.window());
		String reason;
		if (figures.errorRate() > guard.maxErrorRate()) {
			reason = String.format(Locale.ROOT, "error rate %.2f > %.2f over %s", figures.errorRate(),
					guard.maxErrorRate(), window);
		}
		else if (figures.p99Millis() > guard.maxP99().toMillis()) {
			reason = String.format(Locale.ROOT, "p99 %.0f ms > %d ms over %s", figures.p99Millis(),
					guard.maxP99().toMillis(), window);
		}
		else {
			return;
		}
		AutomaticRollback rollback = this.rollback.get();
		if (rollback == null) {
			if (!this.warnedNoRollback) {
				this.warnedNoRollback = true;
				logger.warn("Guard of rule '" + ruleId + "' broken (" + reason
						+ "), but there is no AutomaticRollback bean: the rule stays as it is");
			}
			watch.acted = true;
			return;
		}
		Map<String, Object> measurements = new LinkedHashMap<>();
		measurements.put("errorRate", figures.errorRate());
		measurements.put("p99Millis", Math.round(figures.p99Millis()));
		measurements.put("requests", figures.requests());
		// ISO-8601, as in the audit records of the admin API (docs/gateway-admin-api.md)
		measurements.put("window", guard.window().toString());
		measurements.put("maxErrorRate", guard.maxErrorRate());
		measurements.put("maxP99Millis", guard.maxP99().toMillis());
		try {
			boolean changed = rollback.rollBackToLegacy(ruleId, watch.version, reason, measurements);
			watch.acted = true;
			logger.warn("Guard of rule '" + ruleId + "' version " + watch.version + " broken: " + reason
					+ (changed ? "; rolled back to LEGACY" : "; the rule had already changed"));
		}
		catch (RuntimeException ex) {
			// not marked as acted: the next check tries again
			logger.error("Guard of rule '" + ruleId + "' broken (" + reason + ") but the rollback failed", ex);
		}
	}

	private static String seconds(Duration window) {
		return (window.toMillis() % 1000 == 0) ? window.toSeconds() + "s" : window.toMillis() + "ms";
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "figmart-rule-guards");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		executor.scheduleWithFixedDelay(this::checkSafely, millis, millis, TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	private void checkSafely() {
		try {
			check();
		}
		catch (RuntimeException ex) {
			logger.error("Rule guards check failed", ex);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		if (executor != null) {
			executor.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/** What a guard knows of one rule version. */
	private static final class Watch {

		final long version;

		final long sinceSecond;

		volatile boolean acted;

		Watch(long version, long sinceSecond) {
			this.version = version;
			this.sinceSecond = sinceSecond;
		}

	}

}
