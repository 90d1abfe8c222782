package com.figmart.cdc.bridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.figmart.platform.postgres.test.SharedTestPostgres;
import org.flywaydb.core.Flyway;

/**
 * A legacy and a new database on the shared test server, each created by its real first migration: the
 * monolith's catalog and catalog-service's document model, read from their modules (not copied).
 */
final class CatalogDatabases {

	static final Path LEGACY_MIGRATIONS = repository().resolve("modulith-core/src/main/resources/db/migration/catalog");

	static final Path NEW_MIGRATIONS = repository()
		.resolve("extracted-services/catalog-service/src/main/resources/db/migration/catalog-service");

	final String legacyUrl;

	final String newUrl;

	CatalogDatabases() {
		this.legacyUrl = SharedTestPostgres.freshDatabase();
		this.newUrl = SharedTestPostgres.freshDatabase();
		migrate(this.legacyUrl, LEGACY_MIGRATIONS);
		migrate(this.newUrl, NEW_MIGRATIONS);
	}

	private static Path repository() {
		var directory = Path.of("").toAbsolutePath();
		while (directory != null && !Files.exists(directory.resolve("modulith-core"))) {
			directory = directory.getParent();
		}
		if (directory == null) {
			throw new IllegalStateException("Run the tests inside the Figmart repository");
		}
		return directory;
	}

	private static void migrate(String url, Path migrations) {
		Flyway.configure().dataSource(url, "postgres", "").schemas("catalog").defaultSchema("catalog")
			.locations("filesystem:" + migrations).load().migrate();
	}

	static void execute(String url, String sql) {
		try (var connection = DriverManager.getConnection(url, "postgres", "");
				var statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<Map<String, Object>> query(String url, String sql) {
		try (var connection = DriverManager.getConnection(url, "postgres", "");
				var statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
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

	static long count(String url, String sql) {
		return ((Number) query(url, sql).get(0).values().iterator().next()).longValue();
	}

	static String product(String sku, String name, String price, String currency) {
		return "insert into catalog.products (sku, name, description, price_amount, price_currency, category, "
				+ "created_at, updated_at) values ('" + sku + "', '" + name + "', 'about " + name + "', " + price
				+ ", '" + currency + "', 'mugs', now(), now())";
	}
}
