package com.figmart.cdc.core;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.figmart.cdc.core.TwoDatabases.count;
import static com.figmart.cdc.core.TwoDatabases.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ParityCheckTests {

	private TwoDatabases databases;

	@BeforeEach
	void databases() {
		this.databases = new TwoDatabases();
		execute(this.databases.source, """
				insert into legacy.items (id, label, note, colour, amount, enabled)
				select g, 'item ' || g, 'note ' || g, null, g * 1.25, g % 2 = 0 from generate_series(1, 50) g;
				insert into legacy.items (id, label) values (51, '')""");
		this.databases.start(this.databases.forwardSettings(), TwoDatabases.ITEMS, this.databases.forwardApplier());
		await().atMost(Duration.ofSeconds(60)).until(() -> count(this.databases.target, "select count(*) from modern.things") == 50);
	}

	@AfterEach
	void close() {
		this.databases.close();
	}

	@Test
	void aSyncedTableIsCleanExceptForItsDeadLetteredRow() {
		execute(this.databases.source, "delete from legacy.items where id = 51");
		execute(this.databases.target, "delete from cdc_bridge.dead_letter");
		await().atMost(Duration.ofSeconds(30)).until(() -> check().clean());

		var report = check();

		assertThat(report.sourceRows()).isEqualTo(50);
		assertThat(report.targetRows()).isEqualTo(50);
		assertThat(report.sourceChecksum()).isEqualTo(report.targetChecksum());
	}

	@Test
	void namesTheRowsThatDiffer() {
		execute(this.databases.target, """
				update modern.things set attrs = attrs || '{"note": "edited"}' where id = 7;
				update modern.things set cents = cents + 1 where id = 8;
				delete from modern.things where id = 9;
				insert into modern.things (id, title, changed_at) values (99, 'stray', now());
				update modern.things set attrs = attrs || '{"unmapped": true}' where id = 10""");

		var report = check();

		assertThat(report.clean()).isFalse();
		assertThat(report.sourceRows()).isEqualTo(51);
		assertThat(report.targetRows()).isEqualTo(50);
		assertThat(report.different()).containsExactly("7", "8");
		assertThat(report.missingOnTarget()).containsExactly("9");
		assertThat(report.extraOnTarget()).containsExactly("99");
		assertThat(report.deadLettered()).containsExactly("51");
		assertThat(report.differingRows()).isEqualTo(5);
		assertThat(report.sourceChecksum()).isNotEqualTo(report.targetChecksum());
	}

	private ParityReport check() {
		return new ParityCheck(TwoDatabases.ITEMS, 100).run(SimpleDataSource.of(this.databases.source),
				SimpleDataSource.of(this.databases.target), SimpleDataSource.of(this.databases.target));
	}
}
