package com.figmart.strangler.gateway.store;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.figmart.strangler.gateway.GatewayRule;
import com.figmart.strangler.gateway.LiveRules;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Makes the store the source of the live rules: at start it seeds the store with the configured rules (first start
 * only) and loads the stored rules into {@link LiveRules}, before the web server accepts a request; then it polls
 * the store for changes made through any instance.
 *
 * <p>The configured rules are what {@link LiveRules} holds when this starts: the routing configuration builds it
 * from {@code figmart.gateway.rules}, validated.
 */
final class RulePropagation implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RulePropagation.class);

	/** Early: loaded before the web server starts (and stopped after it). */
	static final int PHASE = 0;

	private final RuleStore store;

	private final LiveRules liveRules;

	private final RuleStoreProperties properties;

	private volatile ScheduledExecutorService poller;

	private volatile boolean failing;

	private volatile long lastHeartbeat;

	RulePropagation(RuleStore store, LiveRules liveRules, RuleStoreProperties properties) {
		this.store = store;
		this.liveRules = liveRules;
		this.properties = properties;
	}

	@Override
	public void start() {
		List<GatewayRule> configured = liveRules.rules();
		if (store.seed(configured)) {
			logger.info("Rule store was empty: stored the " + configured.size() + " configured rule(s)");
		}
		store.refresh();
		heartbeat();
		logger.info("Routing by " + liveRules.rules().size() + " stored rule(s); polling for changes every "
				+ properties.pollInterval().toMillis() + " ms");
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "gateway-rule-poller");
			thread.setDaemon(true);
			return thread;
		});
		long interval = properties.pollInterval().toNanos();
		executor.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.NANOSECONDS);
		this.poller = executor;
	}

	private void poll() {
		try {
			if (store.refresh()) {
				logger.debug("Reloaded rules at change " + store.appliedSeq());
			}
			if (System.nanoTime() - lastHeartbeat >= properties.heartbeatInterval().toNanos()) {
				heartbeat();
			}
			if (failing) {
				logger.info("Rule store reachable again");
				failing = false;
			}
		}
		catch (RuntimeException ex) {
			// keep routing by the last rules loaded; say so once, not five times a second
			if (!failing) {
				logger.warn("Cannot poll the rule store, routing by the last loaded rules: " + ex.getMessage());
				failing = true;
			}
		}
	}

	private void heartbeat() {
		store.heartbeat(properties.instanceTimeout());
		lastHeartbeat = System.nanoTime();
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.poller;
		if (executor != null) {
			executor.shutdownNow();
			try {
				executor.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.poller = null;
			try {
				store.leave();
			}
			catch (RuntimeException ex) {
				logger.warn("Cannot sign this instance off in the rule store: " + ex.getMessage());
			}
		}
	}

	@Override
	public boolean isRunning() {
		return poller != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
