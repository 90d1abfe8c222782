package com.figmart.cdc.core;

/** A schema-qualified table name, such as {@code catalog.products}. */
public record TableName(String schema, String table) {

	public TableName {
		if (!schema.matches("[a-z_][a-z0-9_]*") || !table.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Not a plain schema.table name: " + schema + "." + table);
		}
	}

	public static TableName parse(String qualified) {
		int dot = qualified.indexOf('.');
		if (dot < 0) {
			throw new IllegalArgumentException("Table name without schema: " + qualified + " (write schema.table)");
		}
		return new TableName(qualified.substring(0, dot).trim(), qualified.substring(dot + 1).trim());
	}

	@Override
	public String toString() {
		return this.schema + "." + this.table;
	}
}
