package com.figmart.cdc.core;

import org.postgresql.ds.PGSimpleDataSource;

/** A connection-per-call DataSource for the bridge's occasional housekeeping queries. */
final class SimpleDataSource {

	private SimpleDataSource() {
	}

	static PGSimpleDataSource of(JdbcEndpoint endpoint) {
		var dataSource = new PGSimpleDataSource();
		dataSource.setUrl(endpoint.url());
		dataSource.setUser(endpoint.username());
		dataSource.setPassword(endpoint.password());
		return dataSource;
	}
}
