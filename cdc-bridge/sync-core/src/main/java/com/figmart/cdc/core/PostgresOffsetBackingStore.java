package com.figmart.cdc.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.apache.kafka.connect.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium's source offsets in PostgreSQL ({@code cdc_bridge.source_offset}), so that a restarted bridge
 * resumes where it stopped. Debezium writes offsets only after the records before them were handed to the
 * consumer and marked processed, and confirms the replication slot only up to offsets this store has saved.
 * <p>
 * Debezium creates the store by reflection from {@code offset.storage}; it reads its settings from the
 * engine properties {@value #URL}, {@value #USER}, {@value #PASSWORD} and {@value #ENGINE}.
 */
public class PostgresOffsetBackingStore extends MemoryOffsetBackingStore {

	private static final Logger log = LoggerFactory.getLogger(PostgresOffsetBackingStore.class);

	public static final String URL = "offset.storage.figmart.jdbc.url";

	public static final String USER = "offset.storage.figmart.jdbc.user";

	public static final String PASSWORD = "offset.storage.figmart.jdbc.password";

	public static final String ENGINE = "offset.storage.figmart.engine";

	private String url;

	private String user;

	private String password;

	private String engine;

	@Override
	public void configure(WorkerConfig config) {
		super.configure(config);
		var settings = config.originalsStrings();
		this.url = required(settings, URL);
		this.user = settings.getOrDefault(USER, "");
		this.password = settings.getOrDefault(PASSWORD, "");
		this.engine = required(settings, ENGINE);
	}

	private static String required(Map<String, String> settings, String name) {
		var value = settings.get(name);
		if (value == null || value.isBlank()) {
			throw new ConnectException("Missing engine property " + name);
		}
		return value;
	}

	@Override
	public synchronized void start() {
		super.start();
		try (var connection = connect();
				var query = connection.prepareStatement(
						"select offset_key, offset_value from cdc_bridge.source_offset where engine = ?")) {
			query.setString(1, this.engine);
			var loaded = new HashMap<ByteBuffer, ByteBuffer>();
			try (var result = query.executeQuery()) {
				while (result.next()) {
					var value = result.getBytes(2);
					loaded.put(ByteBuffer.wrap(result.getBytes(1)), (value != null) ? ByteBuffer.wrap(value) : null);
				}
			}
			this.data = loaded;
		}
		catch (SQLException ex) {
			throw new ConnectException("Cannot read the offsets of " + this.engine + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Saves the offsets first and remembers them only once they are committed. Debezium's PostgreSQL task
	 * confirms the replication slot up to the offsets it reads back from this store, so the store must
	 * never answer with offsets the table does not hold: otherwise a failed save (the server going down)
	 * could let the slot move past the stored offsets, and the next start would find its position gone.
	 */
	@Override
	public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
		return this.executor.submit(() -> {
			write(values);
			this.data.putAll(values);
			if (log.isDebugEnabled()) {
				values.forEach((key, value) -> log.debug("{}: saved offset {} = {}", this.engine, text(key), text(value)));
			}
			if (callback != null) {
				callback.onCompletion(null, null);
			}
			return null;
		});
	}

	private void write(Map<ByteBuffer, ByteBuffer> offsets) {
		try (var connection = connect()) {
			connection.setAutoCommit(false);
			try (var upsert = connection.prepareStatement("""
					insert into cdc_bridge.source_offset (engine, offset_key, offset_value) values (?, ?, ?)
					on conflict (engine, offset_key) do update
					set offset_value = excluded.offset_value, updated_at = now()""")) {
				for (var entry : offsets.entrySet()) {
					upsert.setString(1, this.engine);
					upsert.setBytes(2, bytes(entry.getKey()));
					upsert.setBytes(3, (entry.getValue() != null) ? bytes(entry.getValue()) : null);
					upsert.addBatch();
				}
				upsert.executeBatch();
			}
			connection.commit();
		}
		catch (SQLException ex) {
			// the returned future fails: Debezium then neither confirms the slot nor forgets these offsets
			throw new ConnectException("Cannot save the offsets of " + this.engine + ": " + ex.getMessage(), ex);
		}
	}

	private static String text(ByteBuffer buffer) {
		return (buffer != null) ? StandardCharsets.UTF_8.decode(buffer.duplicate()).toString() : "null";
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.user, this.password);
	}

	private static byte[] bytes(ByteBuffer buffer) {
		var copy = buffer.duplicate();
		var bytes = new byte[copy.remaining()];
		copy.get(bytes);
		return bytes;
	}

	@Override
	public Set<Map<String, Object>> connectorPartitions(String connectorName) {
		return new HashSet<>();
	}

	/** Whether an engine has stored offsets: without them it starts with a snapshot. */
	public static boolean hasOffsets(Connection connection, String engine) throws SQLException {
		try (var query = connection.prepareStatement("select 1 from cdc_bridge.source_offset where engine = ?")) {
			query.setString(1, engine);
			try (var result = query.executeQuery()) {
				return result.next();
			}
		}
	}
}
