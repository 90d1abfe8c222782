package com.figmart.cdc.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import com.figmart.platform.postgres.test.SharedTestPostgres;
import io.debezium.embedded.EmbeddedWorkerConfig;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.figmart.cdc.core.TwoDatabases.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresOffsetBackingStoreTests {

	private static final ByteBuffer PARTITION = bytes("[\"engine\",{\"server\":\"test\"}]");

	private final JdbcEndpoint database = new JdbcEndpoint(SharedTestPostgres.freshDatabase(), "postgres", "");

	private PostgresOffsetBackingStore store;

	@BeforeEach
	void start() {
		SyncSchema.install(SimpleDataSource.of(this.database));
		this.store = started("engine");
	}

	@AfterEach
	void stop() {
		if (this.store != null) {
			this.store.stop();
		}
	}

	@Test
	void aStartedStoreReadsTheOffsetsSavedBeforeItsEngineStopped() throws Exception {
		this.store.set(Map.of(PARTITION, bytes("{\"lsn\":100}")), null).get();
		this.store.stop();

		this.store = started("engine");

		assertThat(offset()).isEqualTo("{\"lsn\":100}");
		var another = started("another engine");
		try {
			assertThat(another.get(Set.of(PARTITION)).get()).containsEntry(PARTITION, null);
		}
		finally {
			another.stop();
		}
	}

	@Test
	void offsetsWhoseSaveFailedAreNeverReadBack() throws Exception {
		this.store.set(Map.of(PARTITION, bytes("{\"lsn\":100}")), null).get();
		execute(this.database, "alter table cdc_bridge.source_offset rename to source_offset_away");

		var failed = this.store.set(Map.of(PARTITION, bytes("{\"lsn\":200}")), null);

		assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class)
			.hasCauseInstanceOf(ConnectException.class)
			.hasMessageContaining("Cannot save the offsets of engine");
		// Debezium confirms the replication slot up to what it reads here: only what the table holds
		assertThat(offset()).isEqualTo("{\"lsn\":100}");

		execute(this.database, "alter table cdc_bridge.source_offset_away rename to source_offset");
		this.store.set(Map.of(PARTITION, bytes("{\"lsn\":200}")), null).get();
		assertThat(offset()).isEqualTo("{\"lsn\":200}");
	}

	private PostgresOffsetBackingStore started(String engine) {
		var store = new PostgresOffsetBackingStore();
		// the engine's own worker configuration adds what Kafka Connect requires, so it must be mutable
		store.configure(new EmbeddedWorkerConfig(new HashMap<>(Map.of(PostgresOffsetBackingStore.URL,
				this.database.url(), PostgresOffsetBackingStore.USER, this.database.username(),
				PostgresOffsetBackingStore.ENGINE, engine))));
		store.start();
		return store;
	}

	private String offset() throws Exception {
		var value = this.store.get(Set.of(PARTITION)).get().get(PARTITION);
		return StandardCharsets.UTF_8.decode(value.duplicate()).toString();
	}

	private static ByteBuffer bytes(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}
}
