package com.figmart.cdc.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures the changes of one source database with Debezium's asynchronous embedded engine and hands
 * them, taken apart along the mappings, to a {@link ChangeHandler}.
 * <p>
 * It owns the engine's life: it starts it, restarts it after a failure (from the stored offsets, so
 * nothing is lost; the handler must absorb the duplicates), and stops it on {@link #close()}. It also
 * recognises the bridge's own logical decoding messages: a transaction that carries the echo message was
 * written by the bridge and is dropped (no ping-pong); a barrier message completes a {@link #barrier}.
 */
public final class ChangeCapture implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ChangeCapture.class);

	private static final int REMEMBERED_ECHO_TRANSACTIONS = 4096;

	private final CaptureSettings settings;

	private final Map<TableName, TableMapping> mappings;

	private final ChangeHandler handler;

	private final ScheduledExecutorService supervisor;

	private final Map<String, CompletableFuture<Void>> barriers = new ConcurrentHashMap<>();

	private final Set<Long> echoTransactions = Collections.synchronizedSet(new LinkedHashSet<>());

	private final Map<String, AtomicLong> snapshotDone = new ConcurrentHashMap<>();

	private final Map<String, Long> snapshotTotal = new ConcurrentHashMap<>();

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong applied = new AtomicLong();

	private final AtomicLong skipped = new AtomicLong();

	private final AtomicLong deadLettered = new AtomicLong();

	private final AtomicLong echoesDropped = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong restarts = new AtomicLong();

	private final ArrayDeque<long[]> rate = new ArrayDeque<>();

	private volatile CaptureStatus.State state = CaptureStatus.State.STOPPED;

	private volatile String failure;

	private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;

	private volatile boolean closing;

	private volatile boolean logsStandbySnapshots;

	private volatile long lastLagMillis;

	private volatile Instant lastChangeAt;

	public ChangeCapture(CaptureSettings settings, List<TableMapping> mappings, ChangeHandler handler) {
		this.settings = settings;
		this.mappings = mappings.stream().collect(Collectors.toMap(TableMapping::source, Function.identity(),
				(a, b) -> {
					throw new IllegalArgumentException("Two mappings read " + a.source() + ": " + a.name() + ", " + b.name());
				}, LinkedHashMap::new));
		this.handler = handler;
		this.supervisor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			var thread = new Thread(runnable, "cdc-" + settings.engine());
			thread.setDaemon(true);
			return thread;
		});
	}

	public CaptureSettings settings() {
		return this.settings;
	}

	public List<TableMapping> mappings() {
		return List.copyOf(this.mappings.values());
	}

	/** Starts the engine: a snapshot first if no offsets are stored (and the settings ask for one). */
	public synchronized void start() {
		this.closing = false;
		this.state = CaptureStatus.State.STARTING;
		prepareSource();
		boolean resuming = hasStoredOffsets();
		if (!resuming && this.settings.snapshot()) {
			this.handler.beforeSnapshot(mappings());
			countSnapshotRows();
			this.state = CaptureStatus.State.SNAPSHOT;
		}
		else {
			this.state = CaptureStatus.State.STREAMING;
		}
		launch();
	}

	private void prepareSource() {
		var source = SimpleDataSource.of(this.settings.source());
		SyncSchema.install(source);
		SyncSchema.install(SimpleDataSource.of(this.settings.offsetStore()));
		this.logsStandbySnapshots = canLogStandbySnapshots();
	}

	/**
	 * A slot's restart_lsn moves only at a running-transactions record that the slot has decoded and
	 * confirmed. PostgreSQL writes one every 15 s at most on its own; from PostgreSQL 16 on, the heartbeat
	 * writes one too, so a slot whose tables are quiet holds two to three heartbeats of other writes' WAL.
	 */
	private boolean canLogStandbySnapshots() {
		try (var connection = this.settings.source().connect(); var statement = connection.createStatement();
				var result = statement.executeQuery("select current_setting('server_version_num')::int >= 160000")) {
			if (!result.next() || !result.getBoolean(1)) {
				return false;
			}
			try (var allowed = statement.executeQuery("select has_function_privilege('pg_log_standby_snapshot()', 'execute')")) {
				return allowed.next() && allowed.getBoolean(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the source's version: " + ex.getMessage(), ex);
		}
	}

	/** Debezium's heartbeat action: a row in {@code cdc_bridge.heartbeat}, which is in the publication. */
	private String heartbeatQuery() {
		return "insert into cdc_bridge.heartbeat (engine, beat_at) select '" + this.settings.engine().replace("'", "''")
				+ "', now()" + (this.logsStandbySnapshots ? " from pg_log_standby_snapshot()" : "")
				+ " on conflict (engine) do update set beat_at = now()";
	}

	private boolean hasStoredOffsets() {
		try (var connection = this.settings.offsetStore().connect()) {
			return PostgresOffsetBackingStore.hasOffsets(connection, this.settings.engine());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the offsets of " + this.settings.engine() + ": "
					+ ex.getMessage(), ex);
		}
	}

	private void countSnapshotRows() {
		try (var connection = this.settings.source().connect(); var statement = connection.createStatement()) {
			for (var table : this.mappings.keySet()) {
				try (var result = statement.executeQuery("select count(*) from " + table)) {
					result.next();
					this.snapshotTotal.put(table.toString(), result.getLong(1));
					this.snapshotDone.put(table.toString(), new AtomicLong());
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot count the rows to snapshot: " + ex.getMessage(), ex);
		}
		log.info("{}: snapshot of {}", this.settings.engine(), this.snapshotTotal);
	}

	private void launch() {
		var built = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
			.using(properties())
			.using(this::completed)
			.notifying(this::handleBatch)
			.build();
		this.engine = built;
		var thread = new Thread(built, "cdc-engine-" + this.settings.engine());
		thread.setDaemon(true);
		thread.start();
	}

	private void completed(boolean success, String message, Throwable error) {
		if (this.closing) {
			this.state = CaptureStatus.State.STOPPED;
			return;
		}
		this.engine = null; // it has stopped; closing it again would fail
		this.errors.incrementAndGet();
		this.failure = message + ((error != null) ? ": " + rootMessage(error) : "");
		log.warn("{}: engine stopped ({}); restarting from the stored offsets in {}", this.settings.engine(),
				this.failure, this.settings.restartDelay(), error);
		this.state = CaptureStatus.State.RESTARTING;
		this.supervisor.schedule(this::restart, this.settings.restartDelay().toMillis(), TimeUnit.MILLISECONDS);
	}

	private synchronized void restart() {
		if (this.closing) {
			return;
		}
		this.restarts.incrementAndGet();
		try {
			closeEngine();
			this.state = hasStoredOffsets() || !this.settings.snapshot() ? CaptureStatus.State.STREAMING
					: CaptureStatus.State.SNAPSHOT;
			launch();
		}
		catch (RuntimeException ex) {
			completed(false, "restart failed", ex);
		}
	}

	private static String rootMessage(Throwable error) {
		var root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	Properties properties() {
		var source = this.settings.source();
		var tables = new ArrayList<String>();
		this.mappings.keySet().forEach(table -> tables.add(table.toString()));
		tables.add("cdc_bridge.heartbeat");
		var properties = new Properties();
		properties.setProperty("name", this.settings.engine());
		properties.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
		properties.setProperty("offset.storage", PostgresOffsetBackingStore.class.getName());
		properties.setProperty(PostgresOffsetBackingStore.URL, this.settings.offsetStore().url());
		properties.setProperty(PostgresOffsetBackingStore.USER, this.settings.offsetStore().username());
		properties.setProperty(PostgresOffsetBackingStore.PASSWORD, this.settings.offsetStore().password());
		properties.setProperty(PostgresOffsetBackingStore.ENGINE, this.settings.engine());
		properties.setProperty("offset.flush.interval.ms", Long.toString(this.settings.offsetFlushInterval().toMillis()));
		properties.setProperty("database.hostname", source.host());
		properties.setProperty("database.port", Integer.toString(source.port()));
		properties.setProperty("database.user", source.username());
		properties.setProperty("database.password", source.password());
		properties.setProperty("database.dbname", source.database());
		properties.setProperty("topic.prefix", this.settings.engine());
		properties.setProperty("plugin.name", "pgoutput");
		properties.setProperty("slot.name", this.settings.slotName());
		properties.setProperty("publication.name", this.settings.publicationName());
		properties.setProperty("publication.autocreate.mode", "filtered");
		properties.setProperty("table.include.list", tables.stream().map(ChangeCapture::regex).collect(Collectors.joining(",")));
		properties.setProperty("snapshot.mode", this.settings.snapshot() ? "initial" : "no_data");
		properties.setProperty("decimal.handling.mode", "string");
		properties.setProperty("tombstones.on.delete", "false");
		properties.setProperty("heartbeat.interval.ms", Long.toString(this.settings.heartbeatInterval().toMillis()));
		properties.setProperty("heartbeat.action.query", heartbeatQuery());
		properties.setProperty("message.prefix.include.list",
				regex(this.settings.echoPrefix()) + "," + regex(this.settings.barrierPrefix()));
		properties.setProperty("poll.interval.ms", Long.toString(this.settings.pollInterval().toMillis()));
		properties.setProperty("max.batch.size", Integer.toString(this.settings.maxBatchSize()));
		properties.setProperty("max.queue.size", Integer.toString(this.settings.maxQueueSize()));
		properties.setProperty("status.update.interval.ms", "1000");
		properties.setProperty("retriable.restart.connector.wait.ms", "1000");
		properties.setProperty("errors.max.retries", "3");
		return properties;
	}

	private static String regex(String literal) {
		return literal.replace(".", "\\.");
	}

	private void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
			DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
		var pending = new ArrayList<Change>();
		var reachedBarriers = new ArrayList<String>();
		for (var event : records) {
			var record = event.record();
			if (!(record.value() instanceof Struct value)) {
				continue;
			}
			var source = value.schema().field("source") != null ? value.getStruct("source") : null;
			if (source == null) {
				continue; // a heartbeat record of Debezium's own
			}
			if (!isSnapshot(source)) {
				if (this.state == CaptureStatus.State.SNAPSHOT) {
					log.info("{}: snapshot done {}, streaming", this.settings.engine(), snapshotProgress());
				}
				this.state = CaptureStatus.State.STREAMING;
			}
			if (value.schema().field("message") != null) {
				var message = value.getStruct("message");
				var prefix = message.getString("prefix");
				Long transaction = source.getInt64("txId");
				if (this.settings.echoPrefix().equals(prefix) && transaction != null) {
					rememberEcho(transaction);
				}
				else if (this.settings.barrierPrefix().equals(prefix)) {
					var content = message.getBytes("content");
					reachedBarriers.add(new String(content, StandardCharsets.UTF_8));
					dispatch(pending);
					pending.clear();
					reachedBarriers.forEach(this::barrierReached);
					reachedBarriers.clear();
				}
				continue;
			}
			var table = new TableName(source.getString("schema"), source.getString("table"));
			var mapping = this.mappings.get(table);
			if (mapping == null) {
				continue; // the heartbeat table
			}
			var change = ChangeRecords.toChange(mapping, value, source);
			if (change == null) {
				continue;
			}
			this.received.incrementAndGet();
			if (change.operation() == Change.Operation.SNAPSHOT) {
				long done = this.snapshotDone.computeIfAbsent(table.toString(), ignored -> new AtomicLong())
					.incrementAndGet();
				long total = this.snapshotTotal.getOrDefault(table.toString(), 0L);
				if (done % Math.max(1000, total / 10) == 0) {
					log.info("{}: snapshot of {}: {} of {} rows", this.settings.engine(), table, done, total);
				}
			}
			else if (this.echoTransactions.contains(change.transactionId())) {
				this.echoesDropped.incrementAndGet();
				continue;
			}
			pending.add(change);
		}
		dispatch(pending);
		for (var event : records) {
			committer.markProcessed(event);
		}
		committer.markBatchFinished();
		countRate(records.size());
	}

	private static String snapshotMarker(Struct source) {
		var field = source.schema().field("snapshot");
		return (field != null && source.get(field) != null) ? source.get(field).toString() : "false";
	}

	private static boolean isSnapshot(Struct source) {
		var marker = snapshotMarker(source);
		return !marker.equals("false") && !marker.equals("incremental");
	}

	private void dispatch(List<Change> changes) {
		if (changes.isEmpty()) {
			return;
		}
		try {
			var result = this.handler.handle(List.copyOf(changes));
			this.applied.addAndGet(result.applied());
			this.skipped.addAndGet(result.skipped());
			this.deadLettered.addAndGet(result.deadLettered());
		}
		catch (RuntimeException ex) {
			this.errors.incrementAndGet();
			throw ex;
		}
		var last = changes.get(changes.size() - 1);
		this.lastChangeAt = Instant.now();
		this.lastLagMillis = (last.committedAt() != null && last.operation() != Change.Operation.SNAPSHOT)
				? Math.max(0, Duration.between(last.committedAt(), this.lastChangeAt).toMillis()) : 0;
	}

	private void rememberEcho(long transaction) {
		synchronized (this.echoTransactions) {
			this.echoTransactions.add(transaction);
			if (this.echoTransactions.size() > REMEMBERED_ECHO_TRANSACTIONS) {
				var oldest = this.echoTransactions.iterator();
				oldest.next();
				oldest.remove();
			}
		}
	}

	private void barrierReached(String id) {
		var barrier = this.barriers.remove(id);
		if (barrier != null) {
			barrier.complete(null);
		}
	}

	/**
	 * Writes a barrier message into the source and waits until the capture has handled every change
	 * committed before it: afterwards the target has everything the source had at the call.
	 *
	 * @return how long it took
	 * @throws TimeoutException if the capture did not get there in time
	 */
	public Duration barrier(Duration timeout) throws TimeoutException {
		var started = System.nanoTime();
		var id = UUID.randomUUID().toString();
		var reached = new CompletableFuture<Void>();
		this.barriers.put(id, reached);
		try (var connection = this.settings.source().connect();
				var emit = connection.prepareStatement("select pg_logical_emit_message(true, ?, ?)")) {
			emit.setString(1, this.settings.barrierPrefix());
			emit.setString(2, id);
			emit.executeQuery().close();
		}
		catch (SQLException ex) {
			this.barriers.remove(id);
			throw new IllegalStateException("Cannot write a barrier into " + this.settings.source() + ": "
					+ ex.getMessage(), ex);
		}
		try {
			reached.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return Duration.ofNanos(System.nanoTime() - started);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TimeoutException("interrupted");
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			this.barriers.remove(id);
		}
	}

	private void countRate(int count) {
		long second = System.currentTimeMillis() / 1000;
		synchronized (this.rate) {
			var last = this.rate.peekLast();
			if (last != null && last[0] == second) {
				last[1] += count;
			}
			else {
				this.rate.addLast(new long[] { second, count });
			}
			while (!this.rate.isEmpty() && this.rate.peekFirst()[0] < second - 10) {
				this.rate.removeFirst();
			}
		}
	}

	private double eventsPerSecond() {
		long now = System.currentTimeMillis() / 1000;
		synchronized (this.rate) {
			long total = this.rate.stream().filter(bucket -> bucket[0] >= now - 10).mapToLong(bucket -> bucket[1]).sum();
			return total / 10.0;
		}
	}

	private Map<String, CaptureStatus.SnapshotProgress> snapshotProgress() {
		var progress = new LinkedHashMap<String, CaptureStatus.SnapshotProgress>();
		this.snapshotTotal.forEach((table, total) -> progress.put(table,
				new CaptureStatus.SnapshotProgress(this.snapshotDone.getOrDefault(table, new AtomicLong()).get(), total)));
		return progress;
	}

	public CaptureStatus status() {
		var last = this.lastChangeAt;
		// caught up: nothing has arrived for a while, so nothing is waiting
		boolean idle = last == null || Duration.between(last, Instant.now()).toMillis()
				> Math.max(1000, 4 * this.settings.pollInterval().toMillis());
		return new CaptureStatus(this.settings.engine(), this.state, this.failure, this.received.get(),
				this.applied.get(), this.skipped.get(), this.deadLettered.get(), this.echoesDropped.get(),
				this.errors.get(), this.restarts.get(), idle ? 0 : this.lastLagMillis, eventsPerSecond(), last,
				snapshotProgress());
	}

	public SlotStatus slot() {
		return SlotStatus.read(this.settings.source(), this.settings.slotName());
	}

	private void closeEngine() {
		var running = this.engine;
		this.engine = null;
		if (running != null) {
			try {
				running.close();
			}
			catch (IOException | RuntimeException ex) {
				log.warn("{}: closing the engine failed: {}", this.settings.engine(), ex.getMessage());
			}
		}
	}

	@Override
	public synchronized void close() {
		this.closing = true;
		closeEngine();
		this.supervisor.shutdownNow();
		try {
			this.supervisor.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.state = CaptureStatus.State.STOPPED;
	}

	/** Drops the slot and publication of a capture that will not run again (tests, decommissioning). */
	public static void dropSlot(CaptureSettings settings) {
		try (var connection = settings.source().connect(); var statement = connection.createStatement()) {
			statement.execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '"
					+ settings.slotName() + "'");
			statement.execute("drop publication if exists " + settings.publicationName());
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
