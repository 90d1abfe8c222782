package com.figmart.marketplace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Migrates every module's schema with its own Flyway history: each folder
 * {@code db/migration/<schema>} holds one schema's migrations, and its history table lives in that
 * schema. A module's migrations therefore travel with it when it is extracted into a service, and
 * version numbers of different modules never collide.
 * <p>
 * Boot's Flyway auto-configuration still decides when migrations run (before JPA starts); this
 * strategy only replaces the single migration with one per schema.
 */
@Component
class ModuleSchemaMigrations implements FlywayMigrationStrategy {

	private static final Logger log = LoggerFactory.getLogger(ModuleSchemaMigrations.class);
	private static final Pattern SCHEMA_FOLDER = Pattern.compile(".*/db/migration/([a-z_]+)/[^/]+\\.sql$");

	@Override
	public void migrate(Flyway flyway) {
		for (var schema : schemas()) {
			var result = Flyway.configure()
					.configuration(flyway.getConfiguration())
					.schemas(schema)
					.defaultSchema(schema)
					.locations("classpath:db/migration/" + schema)
					.load()
					.migrate();
			log.debug("Schema {}: {} migration(s) applied, now at version {}", schema, result.migrationsExecuted,
					result.targetSchemaVersion);
		}
	}

	static List<String> schemas() {
		try {
			var resources = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*/*.sql");
			return List.copyOf(Arrays.stream(resources)
					.map(resource -> {
						try {
							return resource.getURL().toString();
						}
						catch (IOException e) {
							throw new UncheckedIOException(e);
						}
					})
					.map(SCHEMA_FOLDER::matcher)
					.filter(java.util.regex.Matcher::matches)
					.map(matcher -> matcher.group(1))
					.filter(Objects::nonNull)
					.collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
