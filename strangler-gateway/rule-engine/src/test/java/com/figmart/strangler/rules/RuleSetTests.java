package com.figmart.strangler.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RuleSetTests {

	private static RouteRule rule(String id, String route, Mode mode, long version) {
		return RouteRule.of(id, route, mode, "svc", version);
	}

	@Test
	void startsAtRevisionZeroAndAppliesChangesAtomically() {
		RuleSet ruleSet = new RuleSet(List.of(rule("a", "GET /a", Mode.SHADOW, 1)));
		RuleIndex before = ruleSet.index();

		RuleSet.Snapshot next = ruleSet.apply(RuleChange.basedOn(0)
				.put(rule("a", "GET /a", Mode.canary(10), 2))
				.put(rule("b", "/b/**", Mode.NEW, 1))
				.build());

		assertThat(next.revision()).isEqualTo(1);
		assertThat(ruleSet.revision()).isEqualTo(1);
		assertThat(ruleSet.snapshot()).isSameAs(next);
		assertThat(ruleSet.match("GET", "/a").orElseThrow().rule().mode()).isEqualTo(Mode.canary(10));
		assertThat(ruleSet.match("DELETE", "/b/1").orElseThrow().rule().id()).isEqualTo("b");
		// the old index is untouched (copy-on-write)
		assertThat(before.match("GET", "/a").orElseThrow().rule().mode()).isEqualTo(Mode.SHADOW);
		assertThat(before.match("GET", "/b/1")).isEmpty();

		ruleSet.apply(RuleChange.basedOn(1).remove("a").build());
		assertThat(ruleSet.revision()).isEqualTo(2);
		assertThat(ruleSet.match("GET", "/a")).isEmpty();
		assertThat(ruleSet.index().rules()).extracting(RouteRule::id).containsExactly("b");
	}

	@Test
	void replaceAllSwapsTheWholeRuleList() {
		RuleSet ruleSet = new RuleSet(List.of(rule("a", "/a", Mode.NEW, 5), rule("b", "/b", Mode.NEW, 5)));

		ruleSet.apply(RuleChange.replaceAll(0, List.of(rule("c", "/c", Mode.NEW, 1))));

		assertThat(ruleSet.index().rules()).extracting(RouteRule::id).containsExactly("c");
		assertThat(ruleSet.revision()).isEqualTo(1);
	}

	@Test
	void aChangeBasedOnAStaleRevisionIsRefused() {
		RuleSet ruleSet = new RuleSet();
		RuleSet.Snapshot seenByBoth = ruleSet.snapshot();
		ruleSet.apply(RuleChange.basedOn(seenByBoth.revision()).put(rule("first", "/x", Mode.NEW, 1)).build());

		RuleChange late = RuleChange.basedOn(seenByBoth.revision()).put(rule("second", "/x", Mode.LEGACY, 1)).build();

		assertThatThrownBy(() -> ruleSet.apply(late))
				.isInstanceOfSatisfying(RuleConflictException.class, ex -> {
					assertThat(ex.expectedRevision()).isZero();
					assertThat(ex.actualRevision()).isEqualTo(1);
					assertThat(ex.ruleId()).isNull();
				})
				.hasMessage("change based on revision 0 but the rule set is at revision 1");
		assertThat(ruleSet.revision()).isEqualTo(1);
		assertThat(ruleSet.index().rules()).extracting(RouteRule::id).containsExactly("first");
	}

	@Test
	void anUpdateWithoutAGreaterRuleVersionIsRefusedAndNothingChanges() {
		RuleSet ruleSet = new RuleSet(List.of(rule("a", "/a", Mode.SHADOW, 3), rule("b", "/b", Mode.SHADOW, 1)));

		RuleChange sameVersion = RuleChange.basedOn(0)
				.put(rule("b", "/b", Mode.NEW, 2))
				.put(rule("a", "/a", Mode.NEW, 3))
				.build();

		assertThatThrownBy(() -> ruleSet.apply(sameVersion))
				.isInstanceOfSatisfying(RuleConflictException.class, ex -> assertThat(ex.ruleId()).isEqualTo("a"))
				.hasMessageContaining("rule 'a' has version 3");
		assertThat(ruleSet.revision()).isZero();
		assertThat(ruleSet.match("GET", "/b").orElseThrow().rule().mode()).isEqualTo(Mode.SHADOW);
	}

	@Test
	void invalidChangesAreRejected() {
		RuleSet ruleSet = new RuleSet(List.of(rule("a", "/a", Mode.NEW, 1)));

		assertThatIllegalArgumentException().isThrownBy(() -> ruleSet.apply(RuleChange.basedOn(0).remove("nope").build()))
				.withMessage("cannot remove rule 'nope': no such rule at revision 0");
		assertThatIllegalArgumentException()
				.isThrownBy(() -> RuleChange.basedOn(0).put(rule("x", "/x", Mode.NEW, 1)).put(rule("x", "/y", Mode.NEW, 1)))
				.withMessage("rule 'x' is put twice in one change");
		assertThatIllegalArgumentException()
				.isThrownBy(() -> RuleChange.basedOn(0).remove("a").put(rule("a", "/a", Mode.NEW, 2)))
				.withMessage("rule 'a' is both put and removed in one change");
		assertThat(ruleSet.revision()).isZero();
	}

	/**
	 * Writers race on one rule, each retrying on conflict: optimistic concurrency must lose no update.
	 */
	@Test
	void concurrentWritersNeverLoseAnUpdate() throws Exception {
		RuleSet ruleSet = new RuleSet(List.of(rule("counter", "/counter", Mode.NEW, 0)));
		int writers = 4;
		int incrementsEach = 200;
		AtomicInteger conflicts = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				futures.add(pool.submit(() -> {
					for (int i = 0; i < incrementsEach; i++) {
						while (true) {
							RuleSet.Snapshot seen = ruleSet.snapshot();
							RouteRule counter = seen.index().rule("counter").orElseThrow();
							try {
								ruleSet.apply(RuleChange.basedOn(seen.revision())
										.put(counter.withMode(Mode.NEW, counter.version() + 1)).build());
								break;
							}
							catch (RuleConflictException ex) {
								conflicts.incrementAndGet();
							}
						}
					}
					return null;
				}));
			}
			for (Future<?> f : futures) {
				f.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(ruleSet.revision()).isEqualTo(writers * incrementsEach);
		assertThat(ruleSet.index().rule("counter").orElseThrow().version()).isEqualTo(writers * incrementsEach);
	}

	/**
	 * Generation {@code g} (= revision) holds rules {@code r0..r49} with target {@code gen-g} and version
	 * {@code g}, plus rule {@code extra} when {@code g} is even. Readers check that every snapshot is one
	 * whole generation, and that the generations they see through {@link RuleSet#match} never go backwards.
	 */
	@Test
	void readersAlwaysSeeAConsistentIndexWhileAWriterSwapsIt() throws Exception {
		int ruleCount = 50;
		int changes = 400;
		RuleSet ruleSet = new RuleSet(generation(0, ruleCount));
		int readers = 3;
		AtomicBoolean writing = new AtomicBoolean(true);
		Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
		AtomicLong reads = new AtomicLong();
		AtomicLong distinctRevisionsSeen = new AtomicLong();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
		try {
			List<Future<?>> readerFutures = new ArrayList<>();
			for (int t = 0; t < readers; t++) {
				readerFutures.add(pool.submit(() -> {
					try {
						start.await();
						long lastRevision = -1;
						long lastGenerationViaMatch = -1;
						do {
							RuleSet.Snapshot s = ruleSet.snapshot();
							String expectedTarget = "gen-" + s.revision();
							assertThat(s.revision()).isGreaterThanOrEqualTo(lastRevision);
							if (s.revision() != lastRevision) {
								distinctRevisionsSeen.incrementAndGet();
							}
							lastRevision = s.revision();
							assertThat(s.index().size()).isEqualTo(ruleCount + (s.revision() % 2 == 0 ? 1 : 0));
							for (int i = 0; i < ruleCount; i += 7) {
								Match m = s.index().match("GET", "/svc" + i + "/items/" + i).orElseThrow();
								assertThat(m.rule().id()).isEqualTo("r" + i);
								assertThat(m.rule().target()).isEqualTo(expectedTarget);
								assertThat(m.rule().version()).isEqualTo(s.revision());
								assertThat(m.variable("id")).isEqualTo(String.valueOf(i));
							}
							assertThat(s.index().match("POST", "/extra").isPresent()).isEqualTo(s.revision() % 2 == 0);
							// un-snapshotted reads: each sees a complete generation, never an older one
							long generation = Long.parseLong(
									ruleSet.match("GET", "/svc3/items/x").orElseThrow().rule().target().substring(4));
							assertThat(generation).isGreaterThanOrEqualTo(lastGenerationViaMatch);
							lastGenerationViaMatch = generation;
							reads.incrementAndGet();
						}
						while (writing.get());
					}
					catch (Throwable ex) {
						failures.add(ex);
					}
					return null;
				}));
			}
			Future<?> writer = pool.submit(() -> {
				try {
					start.await();
					for (int g = 1; g <= changes; g++) {
						RuleChange.Builder change = RuleChange.basedOn(g - 1);
						for (RouteRule r : generation(g, ruleCount)) {
							if (!r.id().equals("extra")) {
								change.put(r);
							}
						}
						if (g % 2 == 0) {
							change.put(extra(g));
						}
						else {
							change.remove("extra");
						}
						assertThat(ruleSet.apply(change.build()).revision()).isEqualTo(g);
						if (g % 50 == 0) {
							Thread.yield();
						}
					}
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
				finally {
					writing.set(false);
				}
				return null;
			});
			start.countDown();
			writer.get(60, TimeUnit.SECONDS);
			for (Future<?> f : readerFutures) {
				f.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(failures).isEmpty();
		assertThat(ruleSet.revision()).isEqualTo(changes);
		assertThat(ruleSet.match("GET", "/svc0/items/1").orElseThrow().rule().target()).isEqualTo("gen-" + changes);
		assertThat(reads.get()).isGreaterThan(readers);
		assertThat(distinctRevisionsSeen.get()).as("readers must observe swaps").isGreaterThan(readers);
	}

	private static List<RouteRule> generation(long g, int ruleCount) {
		List<RouteRule> rules = new ArrayList<>();
		for (int i = 0; i < ruleCount; i++) {
			rules.add(RouteRule.of("r" + i, "GET /svc" + i + "/items/{id}", Mode.NEW, "gen-" + g, g));
		}
		if (g % 2 == 0) {
			rules.add(extra(g));
		}
		return rules;
	}

	private static RouteRule extra(long g) {
		return RouteRule.of("extra", "POST /extra", Mode.SHADOW, "gen-" + g, g);
	}
}
