package com.figmart.cdc.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.figmart.cdc.core.TwoDatabases.count;
import static com.figmart.cdc.core.TwoDatabases.query;
import static org.assertj.core.api.Assertions.assertThat;

/** The applier fed by hand: duplicates, reordering and bad values, as a crash or a bad row produces them. */
class ChangeApplierTests {

	private static final FieldPath ID = FieldPath.parse("id");

	private TwoDatabases databases;

	private ChangeApplier applier;

	@BeforeEach
	void databases() {
		this.databases = new TwoDatabases();
		this.applier = this.databases.forwardApplier();
	}

	@AfterEach
	void close() {
		this.databases.close();
	}

	@Test
	void replayingTheSameChangesLeavesTheSameState() {
		var changes = List.of(upsert(1, "one", "1.00", 100, 1), upsert(2, "two", "2.00", 100, 2),
				upsert(1, "ONE", "1.50", 200, 1), delete(2, 300, 1));

		var first = this.applier.apply(changes);
		var state = rows();
		var replay = this.applier.apply(changes);
		var duplicatesInOneBatch = this.applier.apply(List.of(changes.get(2), changes.get(2), changes.get(3)));

		assertThat(first).isEqualTo(new ApplyResult(4, 0, 0));
		assertThat(state).containsExactly("1:ONE:150");
		assertThat(rows()).isEqualTo(state);
		assertThat(replay.applied()).isZero();
		assertThat(duplicatesInOneBatch.applied()).isZero();
	}

	@Test
	void anOlderChangeNeverOverwritesANewerOne() {
		this.applier.apply(List.of(upsert(1, "newer", "5.00", 500, 7)));

		var older = this.applier.apply(List.of(upsert(1, "older", "4.00", 400, 9), delete(1, 499, 1)));

		assertThat(older.skipped()).isEqualTo(2);
		assertThat(rows()).containsExactly("1:newer:500");
	}

	@Test
	void duplicatesAndOlderChangesInsideOneBatchLoseToTheNewestChangeOfTheirRow() {
		var batch = List.of(upsert(1, "first", "1.00", 100, 1), upsert(1, "newest", "3.00", 300, 1),
				upsert(1, "older", "2.00", 200, 1), upsert(1, "newest", "3.00", 300, 1), upsert(2, "two", "2.00", 150, 1),
				delete(2, 250, 1), upsert(2, "older than the delete", "2.00", 120, 1), upsert(3, "three", "3.00", 100, 2));

		var result = this.applier.apply(batch);

		assertThat(result).isEqualTo(new ApplyResult(5, 3, 0));
		assertThat(rows()).containsExactly("1:newest:300", "3:three:300");
		assertThat(query(this.databases.target,
				"select row_key, commit_lsn, deleted from cdc_bridge.applied_position order by row_key"))
			.extracting(row -> row.get("row_key") + "@" + row.get("commit_lsn") + ":" + row.get("deleted"))
			.containsExactly("1@300:false", "2@250:true", "3@100:false");
		assertThat(this.applier.apply(batch).applied()).isZero();
		assertThat(rows()).containsExactly("1:newest:300", "3:three:300");
	}

	@Test
	void aDeletedRowIsNotResurrectedByAReplayedInsert() {
		this.applier.apply(List.of(upsert(1, "one", "1.00", 100, 1), delete(1, 200, 1)));

		this.applier.apply(List.of(upsert(1, "one", "1.00", 100, 1)));

		assertThat(rows()).isEmpty();
	}

	@Test
	void aSnapshotRowLosesToAStreamedChangeButReplacesAnEarlierSnapshotRow() {
		this.applier.apply(List.of(snapshot(1, "first snapshot"), snapshot(2, "first snapshot")));
		this.applier.apply(List.of(upsert(1, "streamed", "1.00", 100, 1)));

		this.applier.apply(List.of(snapshot(1, "second snapshot"), snapshot(2, "second snapshot")));

		assertThat(query(this.databases.target, "select id, title from modern.things order by id"))
			.extracting(row -> row.get("id") + ":" + row.get("title"))
			.containsExactly("1:streamed", "2:second snapshot");
	}

	@Test
	void aValueTheMappingCannotConvertIsDeadLetteredOnceAndTheRestOfTheBatchIsApplied() {
		var bad = upsert(2, "two", "2.005", 200, 1); // scale:2 cannot hold a third decimal place
		var changes = List.of(upsert(1, "one", "1.00", 100, 1), bad, upsert(3, "three", "3.00", 300, 1));

		var result = this.applier.apply(changes);
		var replay = this.applier.apply(changes);

		assertThat(result).isEqualTo(new ApplyResult(2, 0, 1));
		assertThat(replay.deadLettered()).isZero();
		assertThat(rows()).containsExactly("1:one:100", "3:three:300");
		var letters = query(this.databases.target, "select row_key, commit_lsn, event_lsn, reason from cdc_bridge.dead_letter");
		assertThat(letters).hasSize(1);
		assertThat(letters.get(0)).containsEntry("row_key", "2").containsEntry("commit_lsn", 200L);
		assertThat((String) letters.get(0).get("reason")).startsWith("cannot convert: scale:2");
	}

	@Test
	void eachApplyTransactionCarriesTheEchoMessage() {
		TwoDatabases.execute(this.databases.target,
				"select pg_create_logical_replication_slot('echo_probe_" + ProcessHandle.current().pid() + "', 'test_decoding')");
		try {
			this.applier.apply(List.of(upsert(1, "one", "1.00", 100, 1)));

			// the test server commits asynchronously: decoding sees the transaction once the WAL writer flushed it
			var lines = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
				.until(() -> query(this.databases.target, "select data from pg_logical_slot_peek_changes('echo_probe_"
						+ ProcessHandle.current().pid() + "', null, null)").stream().map(row -> (String) row.get("data"))
					.toList(), decoded -> decoded.stream().anyMatch(line -> line.startsWith("COMMIT")));
			int message = indexOf(lines, "message: transactional: 1 prefix: figmart-cdc-echo");
			int insert = indexOf(lines, "table modern.things: INSERT");
			assertThat(message).as("%s", lines).isGreaterThan(0);
			assertThat(insert).isGreaterThan(message);
		}
		finally {
			TwoDatabases.execute(this.databases.target,
					"select pg_drop_replication_slot('echo_probe_" + ProcessHandle.current().pid() + "')");
		}
	}

	private static int indexOf(List<String> lines, String fragment) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(fragment)) {
				return i;
			}
		}
		return -1;
	}

	private List<String> rows() {
		return query(this.databases.target, "select id, title, cents from modern.things order by id").stream()
			.map(row -> row.get("id") + ":" + row.get("title") + ":" + row.get("cents")).toList();
	}

	private static Change upsert(long id, String label, String amount, long commitLsn, long eventLsn) {
		Map<FieldPath, Object> values = new LinkedHashMap<>();
		values.put(ID, id);
		values.put(FieldPath.parse("label"), label);
		values.put(FieldPath.parse("amount"), amount);
		values.put(FieldPath.parse("enabled"), true);
		values.put(FieldPath.parse("changed_at"), "2026-11-25T10:00:00Z");
		return new Change(TwoDatabases.ITEMS, Change.Operation.UPDATE, Map.of(ID, id), values,
				new Position(commitLsn, eventLsn), Instant.now(), commitLsn);
	}

	private static Change snapshot(long id, String label) {
		var change = upsert(id, label, "1.00", 0, 0);
		return new Change(change.mapping(), Change.Operation.SNAPSHOT, change.key(), change.values(), Position.SNAPSHOT,
				null, 0);
	}

	private static Change delete(long id, long commitLsn, long eventLsn) {
		return new Change(TwoDatabases.ITEMS, Change.Operation.DELETE, Map.of(ID, id), Map.of(),
				new Position(commitLsn, eventLsn), Instant.now(), commitLsn);
	}

	static long deadLetters(TwoDatabases databases) {
		return count(databases.target, "select count(*) from cdc_bridge.dead_letter");
	}
}
