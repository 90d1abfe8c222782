package com.figmart.cdc.core;

import java.sql.SQLException;

/**
 * A replication slot as the source server sees it.
 *
 * @param retainedBytes WAL the server keeps for the slot: current WAL position minus the slot's restart_lsn
 * @param unconfirmedBytes current WAL position minus confirmed_flush_lsn: how far the bridge's confirmed
 *        position is behind the server
 */
public record SlotStatus(String slotName, boolean exists, boolean active, long retainedBytes, long unconfirmedBytes,
		String confirmedFlushLsn, String restartLsn) {

	public static SlotStatus missing(String slotName) {
		return new SlotStatus(slotName, false, false, 0, 0, null, null);
	}

	/** Reads the slot from the source database. */
	public static SlotStatus read(JdbcEndpoint source, String slotName) {
		var sql = """
				select active, restart_lsn::text, confirmed_flush_lsn::text,
				       coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint,
				       coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn), 0)::bigint
				from pg_replication_slots where slot_name = ?""";
		try (var connection = source.connect(); var query = connection.prepareStatement(sql)) {
			query.setString(1, slotName);
			try (var result = query.executeQuery()) {
				if (!result.next()) {
					return missing(slotName);
				}
				return new SlotStatus(slotName, true, result.getBoolean(1), result.getLong(4), result.getLong(5),
						result.getString(3), result.getString(2));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read slot " + slotName + " on " + source + ": " + ex.getMessage(), ex);
		}
	}
}
