package com.figmart.cdc.core;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

/**
 * The types of a table's columns, without length limits: values are cast to these, and the column's own
 * limits then refuse a value that does not fit instead of cutting it (so it reaches the dead letters).
 */
final class ColumnTypes {

	private ColumnTypes() {
	}

	static Map<String, String> of(DataSource database, TableName table) {
		var sql = """
				select a.attname, format_type(a.atttypid, null)
				from pg_attribute a
				where a.attrelid = cast(? as regclass) and a.attnum > 0 and not a.attisdropped
				order by a.attnum""";
		try (var connection = database.getConnection(); var query = connection.prepareStatement(sql)) {
			query.setString(1, table.toString());
			var types = new LinkedHashMap<String, String>();
			try (var result = query.executeQuery()) {
				while (result.next()) {
					var type = result.getString(2);
					types.put(result.getString(1), type.equals("character") ? "bpchar" : type);
				}
			}
			if (types.isEmpty()) {
				throw new IllegalStateException("Table " + table + " has no columns");
			}
			return types;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the columns of " + table + ": " + ex.getMessage(), ex);
		}
	}
}
