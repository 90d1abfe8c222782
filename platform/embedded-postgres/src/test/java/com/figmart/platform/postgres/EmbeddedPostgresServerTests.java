package com.figmart.platform.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTests {

	@TempDir
	Path directory;

	@Test
	void durableServerCommitsSynchronouslyAndDecodesLogically() {
		try (var server = EmbeddedPostgresServer.start(directory, 0, EmbeddedPostgresServer.Durability.DURABLE)) {
			assertThat(server.setting("fsync")).isEqualTo("on");
			assertThat(server.setting("synchronous_commit")).isEqualTo("on");
			assertThat(server.setting("wal_level")).isEqualTo("logical");
		}
	}

	@Test
	void keepsItsDataAcrossARestart() throws Exception {
		try (var server = EmbeddedPostgresServer.start(directory, 0, EmbeddedPostgresServer.Durability.DURABLE)) {
			server.createDatabaseIfMissing("shop");
			try (var connection = DriverManager.getConnection(server.jdbcUrl("shop"), "postgres", "");
					var statement = connection.createStatement()) {
				statement.execute("create table kept (id int primary key)");
				statement.execute("insert into kept values (42)");
			}
		}
		try (var server = EmbeddedPostgresServer.start(directory, 0, EmbeddedPostgresServer.Durability.DURABLE);
				var connection = DriverManager.getConnection(server.jdbcUrl("shop"), "postgres", "");
				var result = connection.createStatement().executeQuery("select id from kept")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getInt(1)).isEqualTo(42);
		}
	}

	@Test
	void knowsTheVersionOfItsServerBinaries() {
		try (var server = EmbeddedPostgresServer.start(directory, 0, EmbeddedPostgresServer.Durability.FAST)) {
			String major = server.setting("server_version").split("[ .]")[0];
			assertThat(EmbeddedPostgresServer.binariesVersion()).hasValueSatisfying(
					(version) -> assertThat(version).startsWith(major + "."));
			assertThat(directory.resolve("PG_VERSION")).hasContent(major);
		}
	}

	@Test
	void refusesWithAdviceADataDirectoryWrittenByAnotherMajorVersion() throws Exception {
		java.nio.file.Files.writeString(directory.resolve("PG_VERSION"), "9.6\n");

		assertThatThrownBy(() -> EmbeddedPostgresServer.start(directory, 0, EmbeddedPostgresServer.Durability.DURABLE))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("was written by PostgreSQL 9.6, and this build runs PostgreSQL "
					+ EmbeddedPostgresServer.binariesVersion().orElseThrow())
			.hasMessageContaining("Move the directory away");
		assertThat(directory).isDirectoryNotContaining("glob:**/postmaster.pid");
	}

	@Test
	void ignoresAPidFileWhoseProcessIsGone() throws Exception {
		java.nio.file.Files.writeString(directory.resolve("postmaster.pid"), "999999999\n");
		assertThat(EmbeddedPostgresServer.stopStaleServer(directory)).isEmpty();
		assertThat(directory.resolve("postmaster.pid")).exists();
	}
}
