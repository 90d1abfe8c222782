package com.figmart.cdc.bridge;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import com.figmart.cdc.core.ApplyResult;
import com.figmart.cdc.core.CaptureSettings;
import com.figmart.cdc.core.Change;
import com.figmart.cdc.core.ChangeApplier;
import com.figmart.cdc.core.ChangeCapture;
import com.figmart.cdc.core.ChangeHandler;
import com.figmart.cdc.core.JdbcEndpoint;
import com.figmart.cdc.core.ParityCheck;
import com.figmart.cdc.core.ParityReport;
import com.figmart.cdc.core.SyncSchema;
import com.figmart.cdc.core.TableMapping;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The running bridge: a forward capture (legacy database to new) and, if enabled, a reverse capture (new
 * to legacy), both always running so that both slots advance. Only the capture of the system of record
 * applies; the other one drops the bridge's own echoes and dead-letters every other change, because a
 * change on the side that is not the system of record would otherwise be lost or fight the real one.
 */
@Component
class SyncBridge implements SmartLifecycle {

	static final String NOT_SYSTEM_OF_RECORD = "changed on the side that is not the system of record";

	private static final Logger log = LoggerFactory.getLogger(SyncBridge.class);

	private final CdcBridgeProperties properties;

	private final HikariDataSource source;

	private final HikariDataSource target;

	private final List<Side> sides = new ArrayList<>();

	private final ReentrantLock switching = new ReentrantLock();

	private volatile Direction direction = Direction.FORWARD;

	private volatile Instant directionChangedAt = Instant.now();

	private volatile boolean running;

	SyncBridge(CdcBridgeProperties properties) {
		this.properties = properties;
		if (properties.source() == null || properties.target() == null || properties.source().url() == null
				|| properties.target().url() == null) {
			throw new IllegalStateException(
					"Set figmart.cdc.source.url and figmart.cdc.target.url (JDBC URLs of the legacy and the new database)");
		}
		if (properties.mappings().isEmpty()) {
			throw new IllegalStateException("No mapping configured under figmart.cdc.mappings");
		}
		this.source = pool("cdc-source", properties.source());
		this.target = pool("cdc-target", properties.target());
	}

	private static HikariDataSource pool(String name, CdcBridgeProperties.Database database) {
		var config = new HikariConfig();
		config.setPoolName(name);
		config.setJdbcUrl(database.url());
		config.setUsername(database.username());
		config.setPassword(database.password());
		config.setMaximumPoolSize(4);
		config.setInitializationFailTimeout(-1);
		return new HikariDataSource(config);
	}

	/** One capture with what it applies to and where its dead letters go. */
	record Side(Direction direction, ChangeCapture capture, List<ChangeApplier> appliers) {
	}

	@Override
	public void start() {
		SyncSchema.install(this.source);
		SyncSchema.install(this.target);
		this.direction = loadDirection();
		var mappings = this.properties.mappings().stream().map(CdcBridgeProperties.Mapping::toTableMapping).toList();
		var forwardAppliers = mappings.stream().map(mapping -> new ChangeApplier(this.target, mapping,
				this.properties.engine().messagePrefix() + "-echo")).toList();
		addSide(Direction.FORWARD, settings("forward", this.properties.source().endpoint(), true), mappings,
				forwardAppliers);
		if (this.properties.reverse()) {
			var reversed = mappings.stream().map(TableMapping::reversed).toList();
			var reverseAppliers = reversed.stream().map(mapping -> new ChangeApplier(this.source, mapping,
					this.properties.engine().messagePrefix() + "-echo")).toList();
			addSide(Direction.REVERSE, settings("reverse", this.properties.target().endpoint(), false), reversed,
					reverseAppliers);
		}
		this.sides.forEach(side -> side.capture().start());
		this.running = true;
		log.info("CDC bridge {} started: direction {}, mappings {}", this.properties.name(), this.direction,
				mappings.stream().map(TableMapping::name).toList());
	}

	private CaptureSettings settings(String suffix, JdbcEndpoint from, boolean snapshot) {
		var engine = this.properties.engine();
		var name = this.properties.name() + "_" + suffix;
		return new CaptureSettings(name, from, this.properties.target().endpoint(), name, name + "_publication",
				snapshot, engine.heartbeatInterval(), engine.pollInterval(), engine.maxBatchSize(),
				engine.maxQueueSize(), engine.offsetFlushInterval(), engine.messagePrefix(), engine.restartDelay());
	}

	private void addSide(Direction sideDirection, CaptureSettings settings, List<TableMapping> mappings,
			List<ChangeApplier> appliers) {
		var handler = new ChangeHandler() {
			@Override
			public ApplyResult handle(List<Change> changes) {
				return SyncBridge.this.handle(sideDirection, appliers, changes);
			}

			@Override
			public void beforeSnapshot(List<TableMapping> snapshotted) {
				appliers.forEach(ChangeApplier::forgetPositions);
			}
		};
		this.sides.add(new Side(sideDirection, new ChangeCapture(settings, mappings, handler), appliers));
	}

	private ApplyResult handle(Direction sideDirection, List<ChangeApplier> appliers, List<Change> changes) {
		var result = ApplyResult.NONE;
		int start = 0;
		while (start < changes.size()) {
			var mapping = changes.get(start).mapping();
			int end = start;
			while (end < changes.size() && changes.get(end).mapping().equals(mapping)) {
				end++;
			}
			var applier = appliers.stream().filter(candidate -> candidate.mapping().equals(mapping)).findFirst()
				.orElseThrow();
			var run = changes.subList(start, end);
			if (sideDirection == this.direction) {
				result = result.plus(applier.apply(run));
			}
			else {
				for (var change : run) {
					applier.deadLetter(change, NOT_SYSTEM_OF_RECORD);
				}
				result = result.plus(new ApplyResult(0, 0, run.size()));
			}
			start = end;
		}
		return result;
	}

	Direction direction() {
		return this.direction;
	}

	Instant directionChangedAt() {
		return this.directionChangedAt;
	}

	List<Side> sides() {
		return List.copyOf(this.sides);
	}

	CdcBridgeProperties properties() {
		return this.properties;
	}

	Side activeSide() {
		return this.sides.stream().filter(side -> side.direction() == this.direction).findFirst()
			.orElseThrow(() -> new IllegalStateException("No capture for direction " + this.direction
					+ " (figmart.cdc.reverse is false)"));
	}

	/** Waits until the active capture has applied everything committed on its source before this call. */
	Duration barrier() throws TimeoutException {
		return activeSide().capture().barrier(this.properties.barrierTimeout());
	}

	/**
	 * Switches the direction after a barrier on the currently active side: everything the old system of
	 * record had committed is applied before the other side becomes the system of record.
	 *
	 * @return the barrier's duration (zero if the direction was already the requested one)
	 */
	Duration switchTo(Direction requested) throws TimeoutException {
		if (requested == Direction.REVERSE && !this.properties.reverse()) {
			throw new IllegalStateException("The reverse capture is off (figmart.cdc.reverse=false)");
		}
		this.switching.lock();
		try {
			if (requested == this.direction) {
				return Duration.ZERO;
			}
			var waited = barrier();
			storeDirection(requested);
			log.info("CDC bridge {}: direction {} -> {} (barrier took {} ms)", this.properties.name(), this.direction,
					requested, waited.toMillis());
			this.direction = requested;
			this.directionChangedAt = Instant.now();
			return waited;
		}
		finally {
			this.switching.unlock();
		}
	}

	List<ParityReport> parity() {
		return this.properties.mappings().stream()
			.map(mapping -> new ParityCheck(mapping.toTableMapping(), this.properties.parityMaxNamedRows())
				.run(this.source, this.target, this.target, this.source))
			.toList();
	}

	private Direction loadDirection() {
		try (var connection = this.target.getConnection();
				var query = connection.prepareStatement("select direction from cdc_bridge.direction where bridge = ?")) {
			query.setString(1, this.properties.name());
			try (var result = query.executeQuery()) {
				return result.next() ? Direction.valueOf(result.getString(1)) : Direction.FORWARD;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the direction: " + ex.getMessage(), ex);
		}
	}

	private void storeDirection(Direction requested) {
		try (var connection = this.target.getConnection(); var upsert = connection.prepareStatement("""
				insert into cdc_bridge.direction (bridge, direction) values (?, ?)
				on conflict (bridge) do update set direction = excluded.direction, changed_at = now()""")) {
			upsert.setString(1, this.properties.name());
			upsert.setString(2, requested.name());
			upsert.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot store the direction: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.sides.forEach(side -> side.capture().close());
		this.sides.clear();
		this.source.close();
		this.target.close();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}
}
