package com.figmart.cdc.core;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.figmart.platform.postgres.test.SharedTestPostgres;

/**
 * A source and a target database on the shared test server, with a generic pair of tables that look
 * nothing alike: {@code legacy.items} (columns) and {@code modern.things} (a JSON document, a check, cents,
 * a negated flag). Nothing of the marketplace: the core must not need it.
 */
final class TwoDatabases implements AutoCloseable {

	private static final AtomicInteger counter = new AtomicInteger();

	static final TableMapping ITEMS = new TableMapping("items", TableName.parse("legacy.items"),
			TableName.parse("modern.things"),
			List.of(field("id", "id", "identity"), field("label", "title", "identity"),
					field("note", "attrs.note", "identity"), field("colour", "attrs.colour", "identity"),
					field("amount", "cents", "scale:2"), field("enabled", "hidden", "negate"),
					field("changed_at", "changed_at", "identity")),
			List.of(FieldPath.parse("id")));

	final JdbcEndpoint source;

	final JdbcEndpoint target;

	private final List<ChangeCapture> captures = new ArrayList<>();

	private final String name;

	TwoDatabases() {
		this.name = "t" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
		this.source = new JdbcEndpoint(SharedTestPostgres.freshDatabase(), "postgres", "");
		this.target = new JdbcEndpoint(SharedTestPostgres.freshDatabase(), "postgres", "");
		execute(this.source, """
				create schema legacy;
				create table legacy.items (id bigint primary key, label varchar(50) not null, note text,
				  colour text, amount numeric(10, 2), enabled boolean not null default true,
				  changed_at timestamptz not null default now());
				create table legacy.other (id bigserial primary key, filler text);""");
		execute(this.target, """
				create schema modern;
				create table modern.things (id bigint primary key, title varchar(50) not null check (title <> ''),
				  attrs jsonb not null default '{}', cents bigint, hidden boolean not null default false,
				  changed_at timestamptz not null);""");
		SyncSchema.install(SimpleDataSource.of(this.source));
		SyncSchema.install(SimpleDataSource.of(this.target));
	}

	static FieldMapping field(String source, String target, String conversion) {
		return new FieldMapping(FieldPath.parse(source), FieldPath.parse(target), Conversion.named(conversion));
	}

	CaptureSettings forwardSettings() {
		return settings("fwd", this.source, true);
	}

	CaptureSettings reverseSettings() {
		return settings("rev", this.target, false);
	}

	CaptureSettings settings(String direction, JdbcEndpoint from, boolean snapshot) {
		return new CaptureSettings(this.name + "_" + direction, from, this.target, this.name + "_" + direction,
				this.name + "_" + direction + "_pub", snapshot, Duration.ofMillis(300), Duration.ofMillis(20), 0, 0,
				Duration.ofMillis(200), null, Duration.ofMillis(300));
	}

	ChangeCapture start(CaptureSettings settings, TableMapping mapping, ChangeApplier applier) {
		var capture = new ChangeCapture(settings, List.of(mapping), new ChangeHandler() {
			@Override
			public ApplyResult handle(List<Change> changes) {
				return applier.apply(changes);
			}

			@Override
			public void beforeSnapshot(List<TableMapping> mappings) {
				applier.forgetPositions();
			}
		});
		this.captures.add(capture);
		capture.start();
		return capture;
	}

	ChangeApplier forwardApplier() {
		return new ChangeApplier(SimpleDataSource.of(this.target), ITEMS, "figmart-cdc-echo");
	}

	ChangeApplier reverseApplier() {
		return new ChangeApplier(SimpleDataSource.of(this.source), ITEMS.reversed(), "figmart-cdc-echo");
	}

	static void execute(JdbcEndpoint database, String sql) {
		try (var connection = database.connect(); var statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<Map<String, Object>> query(JdbcEndpoint database, String sql) {
		try (var connection = database.connect(); var statement = connection.createStatement();
				var result = statement.executeQuery(sql)) {
			var rows = new ArrayList<Map<String, Object>>();
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				var row = new LinkedHashMap<String, Object>();
				for (int i = 1; i <= columns; i++) {
					row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
				}
				rows.add(row);
			}
			return rows;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static long count(JdbcEndpoint database, String sql) {
		return ((Number) query(database, sql).get(0).values().iterator().next()).longValue();
	}

	@Override
	public void close() {
		this.captures.forEach(ChangeCapture::close);
		this.captures.stream().map(ChangeCapture::settings).distinct().forEach(TwoDatabases::dropSlot);
	}

	/** A closed capture's walsender may need a moment to let go of its slot. */
	static void dropSlot(CaptureSettings settings) {
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
			.untilAsserted(() -> ChangeCapture.dropSlot(settings));
	}
}
