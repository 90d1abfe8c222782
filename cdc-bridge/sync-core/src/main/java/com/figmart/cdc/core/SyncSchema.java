package com.figmart.cdc.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Creates the bridge's schema {@code cdc_bridge} in a database, if it is not there yet. */
public final class SyncSchema {

	/** Serialises concurrent installs: {@code create ... if not exists} races on the catalog otherwise. */
	private static final long INSTALL_LOCK = 0x636463627269L;

	private SyncSchema() {
	}

	public static void install(DataSource database) {
		String script;
		try (InputStream in = SyncSchema.class.getResourceAsStream("cdc_bridge.sql")) {
			script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try (var connection = database.getConnection()) {
			connection.setAutoCommit(false);
			try (var statement = connection.createStatement()) {
				statement.execute("select pg_advisory_xact_lock(" + INSTALL_LOCK + ")");
				statement.execute(script);
			}
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not install the cdc_bridge schema: " + ex.getMessage(), ex);
		}
	}
}
