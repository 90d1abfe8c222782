package com.figmart.cdc.core;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A PostgreSQL database as the bridge reaches it: a JDBC URL and credentials. */
public record JdbcEndpoint(String url, String username, String password) {

	public JdbcEndpoint {
		if (url == null || !url.startsWith("jdbc:postgresql://")) {
			throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + url);
		}
		username = (username != null) ? username : "postgres";
		password = (password != null) ? password : "";
	}

	public String host() {
		return uri().getHost();
	}

	public int port() {
		int port = uri().getPort();
		return (port > 0) ? port : 5432;
	}

	public String database() {
		var path = uri().getPath();
		return path.startsWith("/") ? path.substring(1) : path;
	}

	private URI uri() {
		return URI.create(this.url.substring("jdbc:".length()));
	}

	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.username, this.password);
	}

	@Override
	public String toString() {
		return this.url;
	}
}
