package com.figmart.cdc.bridge;

/** Which database is the system of record, and so which way the bridge carries changes. */
public enum Direction {

	/** legacy to new: the legacy database is the system of record */
	FORWARD,

	/** new to legacy: the new database is the system of record */
	REVERSE
}
