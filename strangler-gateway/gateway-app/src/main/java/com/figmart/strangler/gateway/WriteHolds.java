package com.figmart.strangler.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The write holds this gateway instance applies: while a rule is held, its unsafe requests (every method but GET,
 * HEAD, OPTIONS and TRACE) wait, without a thread, until the hold is released or ends by itself, and are then routed
 * by the rules in effect at that moment. A write cutover holds a rule, waits until the data is in sync, changes
 * the rule's mode and releases it in one step, so the held writes go to the new side.
 *
 * <p>Holds are stored with their rule (see {@code store.RuleStore}) and applied here by every instance, like any
 * other change of the rules, through {@link #apply(Map)}. Each instance ends a hold by itself at its stored end,
 * and never later than {@link WriteHoldProperties#maxHold()} after it applied it, whatever the clocks say.
 *
 * <p>It also counts, per rule, the unsafe requests under way to either side, so that whoever holds a rule can
 * wait until the writes that had passed before the hold are answered ({@link #drained}).
 */
public final class WriteHolds {

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private static final Duration DRAIN_POLL = Duration.ofMillis(5);

	private final WriteHoldProperties properties;

	private final Clock clock;

	private final Scheduler scheduler;

	private final Map<String, Hold> holds = new ConcurrentHashMap<>();

	/** The stored end of each hold that ended here by itself, so that a reload does not start it again. */
	private final Map<String, Instant> ended = new HashMap<>();

	private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();

	public WriteHolds(WriteHoldProperties properties) {
		this(properties, Clock.systemUTC(), Schedulers.parallel());
	}

	WriteHolds(WriteHoldProperties properties, Clock clock, Scheduler scheduler) {
		this.properties = properties;
		this.clock = clock;
		this.scheduler = scheduler;
	}

	public WriteHoldProperties properties() {
		return this.properties;
	}

	/** Whether requests with this method are ever held: every method but GET, HEAD, OPTIONS and TRACE. */
	public static boolean holds(String method) {
		return !SAFE_METHODS.contains(method);
	}

	/**
	 * Applies the holds as stored: the stored end of each held rule by rule id. A rule not in the map is not held;
	 * its waiting requests go on. Call it after the rules themselves were replaced, so that released requests are
	 * routed by the rules stored together with the release.
	 */
	public synchronized void apply(Map<String, Instant> storedEnds) {
		Instant now = this.clock.instant();
		this.ended.keySet().retainAll(storedEnds.keySet());
		for (Map.Entry<String, Instant> stored : storedEnds.entrySet()) {
			String ruleId = stored.getKey();
			Instant until = stored.getValue();
			Hold current = this.holds.get(ruleId);
			if (current != null && current.storedUntil.equals(until)) {
				continue;
			}
			if (until.isAfter(now) && !until.equals(this.ended.get(ruleId))) {
				Instant latest = now.plus(this.properties.maxHold());
				Hold hold = new Hold(ruleId, until, until.isBefore(latest) ? until : latest);
				// the new hold first: requests released from the one it replaces wait again, on it
				this.holds.put(ruleId, hold);
				hold.timer = this.scheduler.schedule(() -> end(hold),
						Math.max(0, Duration.between(now, hold.endsAt).toMillis()), TimeUnit.MILLISECONDS);
			}
			else {
				this.holds.remove(ruleId);
			}
			if (current != null) {
				current.release();
			}
		}
		for (Hold hold : List.copyOf(this.holds.values())) {
			if (!storedEnds.containsKey(hold.ruleId) && this.holds.remove(hold.ruleId, hold)) {
				hold.release();
			}
		}
	}

	private synchronized void end(Hold hold) {
		if (this.holds.remove(hold.ruleId, hold)) {
			this.ended.put(hold.ruleId, hold.storedUntil);
			hold.release();
		}
	}

	/** Whether this instance holds the rule's writes now. */
	public boolean isHeld(String ruleId) {
		return this.holds.containsKey(ruleId);
	}

	/** The rule's hold on this instance, if it is held. */
	public Optional<LocalHold> hold(String ruleId) {
		Hold hold = this.holds.get(ruleId);
		return Optional.ofNullable(hold).map((h) -> new LocalHold(h.storedUntil, h.endsAt, h.waiting.get()));
	}

	/** How many requests wait for the rule's hold to end here (0 when it is not held). */
	public int waiting(String ruleId) {
		Hold hold = this.holds.get(ruleId);
		return (hold != null) ? hold.waiting.get() : 0;
	}

	/** How many unsafe requests matched by the rule are under way to either side here, not yet answered. */
	public int inFlight(String ruleId) {
		AtomicInteger count = this.inFlight.get(ruleId);
		return (count != null) ? count.get() : 0;
	}

	/** How many requests this instance refused since start because too many were waiting on the rule's hold. */
	public long refused(String ruleId) {
		LongAdder count = this.refused.get(ruleId);
		return (count != null) ? count.sum() : 0;
	}

	/**
	 * Emits true as soon as no unsafe request of the rule is under way here, false if some still are after
	 * {@code maxWait}.
	 */
	public Mono<Boolean> drained(String ruleId, Duration maxWait) {
		return Flux.interval(Duration.ZERO, DRAIN_POLL)
			.filter((tick) -> inFlight(ruleId) == 0)
			.next()
			.map((tick) -> true)
			.timeout(maxWait, Mono.just(false));
	}

	/**
	 * Counts an unsafe request of the rule as under way, before the hold is looked at: a hold starting at the same
	 * moment then either sees the request under way or the request sees the hold, never neither.
	 */
	void started(String ruleId) {
		this.inFlight.computeIfAbsent(ruleId, (id) -> new AtomicInteger()).incrementAndGet();
	}

	void finished(String ruleId) {
		AtomicInteger count = this.inFlight.get(ruleId);
		if (count != null) {
			count.decrementAndGet();
		}
	}

	/**
	 * Completes when the rule is no longer held here (at once if it is not), on a scheduler thread; fails with
	 * {@link TooManyWaiting} when the hold has as many waiting requests as allowed.
	 */
	Mono<Void> released(String ruleId) {
		return Mono.defer(() -> {
			Hold hold = this.holds.get(ruleId);
			if (hold == null) {
				return Mono.empty();
			}
			if (hold.waiting.incrementAndGet() > this.properties.maxWaiting()) {
				hold.waiting.decrementAndGet();
				this.refused.computeIfAbsent(ruleId, (id) -> new LongAdder()).increment();
				Duration left = Duration.between(this.clock.instant(), hold.endsAt);
				return Mono.error(new TooManyWaiting(ruleId, this.properties.maxWaiting(), left));
			}
			// released in one go by the thread that applies the change: each request goes on on its own
			return hold.released.asMono()
				.publishOn(this.scheduler)
				.doFinally((signal) -> hold.waiting.decrementAndGet());
		});
	}

	@Override
	public String toString() {
		return "WriteHolds" + this.holds.keySet();
	}

	/**
	 * A hold as this instance applies it.
	 *
	 * @param storedUntil the end stored with the rule
	 * @param endsAt when it ends here by itself: the stored end, or earlier if that was further away than
	 *     {@link WriteHoldProperties#maxHold()} when this instance applied it
	 * @param waiting requests waiting for it here
	 */
	public record LocalHold(Instant storedUntil, Instant endsAt, int waiting) {
	}

	/** A request was refused: too many requests wait for the rule's hold already. */
	static final class TooManyWaiting extends RuntimeException {

		private final String ruleId;

		private final int limit;

		private final Duration left;

		TooManyWaiting(String ruleId, int limit, Duration left) {
			super(limit + " requests wait for the write hold of rule '" + ruleId + "' already", null, false, false);
			this.ruleId = ruleId;
			this.limit = limit;
			this.left = left;
		}

		String ruleId() {
			return this.ruleId;
		}

		int limit() {
			return this.limit;
		}

		/** Whole seconds, at least 1: when the hold will have ended at the latest. */
		long retryAfterSeconds() {
			return Math.max(1, (this.left.toMillis() + 999) / 1000);
		}

	}

	private static final class Hold {

		final String ruleId;

		final Instant storedUntil;

		final Instant endsAt;

		final Sinks.Empty<Void> released = Sinks.empty();

		final AtomicInteger waiting = new AtomicInteger();

		volatile Disposable timer;

		Hold(String ruleId, Instant storedUntil, Instant endsAt) {
			this.ruleId = ruleId;
			this.storedUntil = storedUntil;
			this.endsAt = endsAt;
		}

		/** Called under the lock of {@link WriteHolds}, so never concurrently. */
		void release() {
			Disposable pending = this.timer;
			if (pending != null) {
				pending.dispose();
			}
			this.released.tryEmitEmpty();
		}

	}

}
