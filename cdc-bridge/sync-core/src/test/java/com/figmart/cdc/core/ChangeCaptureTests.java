package com.figmart.cdc.core;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.figmart.cdc.core.TwoDatabases.count;
import static com.figmart.cdc.core.TwoDatabases.execute;
import static com.figmart.cdc.core.TwoDatabases.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ChangeCaptureTests {

	private TwoDatabases databases;

	@BeforeEach
	void databases() {
		this.databases = new TwoDatabases();
	}

	@AfterEach
	void close() {
		this.databases.close();
	}

	@Test
	void copiesTheExistingRowsWithProgressThenStreamsInsertsUpdatesAndDeletes() {
		execute(this.databases.source, """
				insert into legacy.items (id, label, note, colour, amount, enabled) values
				  (1, 'one', 'first', 'red', 12.50, true), (2, 'two', null, 'blue', 0.99, false),
				  (3, 'three', 'third', null, 100.00, true)""");
		var capture = this.databases.start(this.databases.forwardSettings(), TwoDatabases.ITEMS,
				this.databases.forwardApplier());

		await().atMost(Duration.ofSeconds(60)).until(() -> count(this.databases.target, "select count(*) from modern.things") == 3);
		assertThat(capture.status().snapshot().get("legacy.items")).isEqualTo(new CaptureStatus.SnapshotProgress(3, 3));
		assertThat(query(this.databases.target,
				"select title, attrs->>'note' as note, attrs->>'colour' as colour, cents, hidden from modern.things where id = 1"))
			.containsExactly(java.util.Map.of("title", "one", "note", "first", "colour", "red", "cents", 1250L, "hidden", false));

		execute(this.databases.source, """
				insert into legacy.items (id, label, amount) values (4, 'four', 4.00);
				update legacy.items set label = 'ONE', amount = 13.00, enabled = false where id = 1;
				delete from legacy.items where id = 2;""");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(query(this.databases.target,
				"select id, title, cents, hidden from modern.things order by id"))
			.extracting(row -> row.get("id") + ":" + row.get("title") + ":" + row.get("cents") + ":" + row.get("hidden"))
			.containsExactly("1:ONE:1300:true", "3:three:10000:false", "4:four:400:false"));
		assertThat(capture.status().state()).isEqualTo(CaptureStatus.State.STREAMING);
		assertThat(capture.status().applied()).isEqualTo(6);
	}

	@Test
	void anUpdateMergesIntoTheTargetDocumentAndKeepsKeysTheMappingDoesNotKnow() {
		var capture = this.databases.start(this.databases.forwardSettings(), TwoDatabases.ITEMS,
				this.databases.forwardApplier());
		awaitStreaming(capture);
		execute(this.databases.source, "insert into legacy.items (id, label, note) values (1, 'one', 'a')");
		await().atMost(Duration.ofSeconds(30)).until(() -> count(this.databases.target, "select count(*) from modern.things") == 1);
		execute(this.databases.target, "update modern.things set attrs = attrs || '{\"rating\": 5}' where id = 1");

		execute(this.databases.source, "update legacy.items set note = 'b' where id = 1");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(query(this.databases.target,
				"select attrs->>'note' as note, attrs->>'rating' as rating from modern.things"))
			.containsExactly(java.util.Map.of("note", "b", "rating", "5")));
	}

	@Test
	void aRowTheTargetRefusesIsDeadLetteredAndTheBridgeKeepsGoing() {
		var capture = this.databases.start(this.databases.forwardSettings(), TwoDatabases.ITEMS,
				this.databases.forwardApplier());
		awaitStreaming(capture);

		execute(this.databases.source, """
				insert into legacy.items (id, label) values (1, 'fine');
				insert into legacy.items (id, label) values (2, '');
				insert into legacy.items (id, label) values (3, 'also fine');""");

		await().atMost(Duration.ofSeconds(30)).until(() -> count(this.databases.target, "select count(*) from modern.things") == 2);
		var letters = query(this.databases.target, "select mapping, row_key, operation, payload::text, reason from cdc_bridge.dead_letter");
		assertThat(letters).hasSize(1);
		assertThat(letters.get(0)).containsEntry("mapping", "items").containsEntry("row_key", "2")
			.containsEntry("operation", "INSERT");
		assertThat((String) letters.get(0).get("reason")).contains("refused by the target").contains("things_title_check");
		assertThat((String) letters.get(0).get("payload")).contains("\"label\": \"\"");
		assertThat(capture.status().deadLettered()).isEqualTo(1);

		execute(this.databases.source, "insert into legacy.items (id, label) values (4, 'after')");
		await().atMost(Duration.ofSeconds(30)).until(() -> count(this.databases.target, "select count(*) from modern.things") == 3);
	}

	@Test
	void aRestartedCaptureResumesFromItsStoredOffsetsWithoutANewSnapshot() {
		execute(this.databases.source, "insert into legacy.items (id, label) values (1, 'one'), (2, 'two')");
		var settings = this.databases.forwardSettings();
		var first = this.databases.start(settings, TwoDatabases.ITEMS, this.databases.forwardApplier());
		await().atMost(Duration.ofSeconds(60)).until(() -> count(this.databases.target, "select count(*) from modern.things") == 2);
		execute(this.databases.source, "insert into legacy.items (id, label) values (3, 'three')");
		await().atMost(Duration.ofSeconds(30)).until(() -> count(this.databases.target, "select count(*) from modern.things") == 3);
		await().atMost(Duration.ofSeconds(10)).until(() -> count(this.databases.target,
				"select count(*) from cdc_bridge.source_offset where engine = '" + settings.engine() + "'") > 0);
		Thread.yield();
		first.close();

		execute(this.databases.source, """
				insert into legacy.items (id, label) values (4, 'four');
				update legacy.items set label = 'TWO' where id = 2;""");
		var second = this.databases.start(settings, TwoDatabases.ITEMS, this.databases.forwardApplier());

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(query(this.databases.target,
				"select title from modern.things order by id")).extracting(row -> row.get("title"))
			.containsExactly("one", "TWO", "three", "four"));
		assertThat(second.status().snapshot()).isEmpty();
		assertThat(second.status().received()).isLessThanOrEqualTo(3).isGreaterThanOrEqualTo(2);
	}

	@Test
	void theHeartbeatMovesTheSlotWhileTheCapturedTableIsQuiet() {
		var capture = this.databases.start(this.databases.forwardSettings(), TwoDatabases.ITEMS,
				this.databases.forwardApplier());
		awaitStreaming(capture);
		var before = capture.slot();
		assertThat(before.exists()).isTrue();

		execute(this.databases.source, "insert into legacy.other (filler) select repeat('x', 500) from generate_series(1, 20000)");
		var afterWrites = query(this.databases.source, "select pg_current_wal_lsn()::text as lsn").get(0).get("lsn");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(count(this.databases.source,
				"select count(*) from pg_replication_slots where slot_name = '" + capture.settings().slotName()
						+ "' and confirmed_flush_lsn >= '" + afterWrites + "'::pg_lsn")).isEqualTo(1));
		assertThat(capture.slot().unconfirmedBytes()).isLessThan(1024 * 1024);
		// the WAL is released too: the heartbeat writes the running-transactions record restart_lsn moves at
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(count(this.databases.source,
				"select count(*) from pg_replication_slots where slot_name = '" + capture.settings().slotName()
						+ "' and restart_lsn >= '" + afterWrites + "'::pg_lsn")).isEqualTo(1));
		assertThat(capture.status().received()).isZero();
	}

	@Test
	void aBarrierReturnsOnceEverythingCommittedBeforeItIsApplied() throws Exception {
		var capture = this.databases.start(this.databases.forwardSettings(), TwoDatabases.ITEMS,
				this.databases.forwardApplier());
		awaitStreaming(capture);
		execute(this.databases.source, "insert into legacy.items (id, label) select g, 'n' || g from generate_series(1, 500) g");

		capture.barrier(Duration.ofSeconds(30));

		assertThat(count(this.databases.target, "select count(*) from modern.things")).isEqualTo(500);
	}

	static void awaitStreaming(ChangeCapture capture) {
		await().atMost(Duration.ofSeconds(60)).until(() -> capture.slot().active()
				&& capture.status().state() == CaptureStatus.State.STREAMING);
	}
	@Test
	void withBothCapturesApplyingAWriteCrossesOnceAndNothingComesBack() {
		var forward = this.databases.start(this.databases.forwardSettings(), TwoDatabases.ITEMS,
				this.databases.forwardApplier());
		var reverse = this.databases.start(this.databases.reverseSettings(), TwoDatabases.ITEMS.reversed(),
				this.databases.reverseApplier());
		awaitStreaming(forward);
		awaitStreaming(reverse);

		execute(this.databases.source, "insert into legacy.items (id, label, note, amount) values (1, 'from legacy', 'x', 1.00)");
		await().atMost(Duration.ofSeconds(30)).until(() -> reverse.status().echoesDropped() == 1);
		execute(this.databases.target, """
				insert into modern.things (id, title, attrs, cents, hidden, changed_at)
				values (2, 'from new', '{"note": "y", "rating": 4}', 250, true, now())""");
		await().atMost(Duration.ofSeconds(30)).until(() -> forward.status().echoesDropped() == 1);

		assertThat(query(this.databases.source, "select id, label, note, amount::text, enabled from legacy.items order by id"))
			.extracting(row -> row.get("id") + ":" + row.get("label") + ":" + row.get("note") + ":" + row.get("amount") + ":" + row.get("enabled"))
			.containsExactly("1:from legacy:x:1.00:true", "2:from new:y:2.50:false");
		assertThat(count(this.databases.target, "select count(*) from modern.things")).isEqualTo(2);
		// each side received two changes: its own side's write, applied, and the other side's echo, dropped
		assertThat(forward.status().received()).isEqualTo(2);
		assertThat(forward.status().applied()).isEqualTo(1);
		assertThat(reverse.status().received()).isEqualTo(2);
		assertThat(reverse.status().applied()).isEqualTo(1);
	}
	@Test
	void aFailingTargetStopsTheEngineWhichRestartsFromItsOffsetsAndDeliversTheChangesAgain() {
		var applier = this.databases.forwardApplier();
		var failures = new java.util.concurrent.atomic.AtomicInteger(2);
		var capture = new ChangeCapture(this.databases.forwardSettings(), java.util.List.of(TwoDatabases.ITEMS),
				changes -> {
					if (failures.getAndDecrement() > 0) {
						throw new ChangeApplier.ApplyFailedException("target unreachable (test)", null);
					}
					return applier.apply(changes);
				});
		try {
			capture.start();
			awaitStreaming(capture);
			execute(this.databases.source, "insert into legacy.items (id, label) values (1, 'one')");

			await().atMost(Duration.ofSeconds(30))
				.until(() -> count(this.databases.target, "select count(*) from modern.things") == 1);
			assertThat(capture.status().restarts()).isGreaterThanOrEqualTo(2);
			assertThat(capture.status().errors()).isGreaterThanOrEqualTo(2);
			assertThat(capture.status().failure()).contains("target unreachable (test)");
			assertThat(capture.status().state()).isEqualTo(CaptureStatus.State.STREAMING);
		}
		finally {
			capture.close();
			TwoDatabases.dropSlot(capture.settings());
		}
	}
}
