package com.figmart.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartupTimeTests {

	@TempDir
	Path temp;

	@Test
	void readyOnlyOn200WithStatusUp() {
		assertThat(StartupTime.isReady(200, "{\"status\":\"UP\"}")).isTrue();
		assertThat(StartupTime.isReady(200, "{\"status\":\"UP\",\"components\":{}}")).isTrue();
		assertThat(StartupTime.isReady(503, "{\"status\":\"OUT_OF_SERVICE\"}")).isFalse();
		assertThat(StartupTime.isReady(200, "{\"status\":\"DOWN\"}")).isFalse();
		assertThat(StartupTime.isReady(200, "UP")).isFalse();
		assertThat(StartupTime.isReady(200, "")).isFalse();
		assertThat(StartupTime.isReady(404, null)).isFalse();
	}

	@Test
	void findsJavaOnThePathOrInAJdkHome() throws IOException {
		Path empty = Files.createDirectory(temp.resolve("empty"));
		Path bin = Files.createDirectories(temp.resolve("jdk/bin"));
		Path java = executable(bin.resolve("java"));

		assertThat(StartupTime.resolveJava(null, empty + ":" + bin)).isEqualTo(java.toString());
		assertThat(StartupTime.resolveJava(temp.resolve("jdk").toString(), null)).isEqualTo(java.toString());
		assertThat(StartupTime.resolveJava(java.toString(), null)).isEqualTo(java.toString());
		assertThatThrownBy(() -> StartupTime.resolveJava(null, empty.toString()))
				.isInstanceOf(Options.UsageException.class).hasMessageContaining("no java on PATH");
		assertThatThrownBy(() -> StartupTime.resolveJava(empty.resolve("java").toString(), null))
				.isInstanceOf(Options.UsageException.class);
	}

	@Test
	void readsOptions() throws IOException {
		Path jar = Files.createFile(temp.resolve("app.jar"));
		Path bin = Files.createDirectories(temp.resolve("bin"));
		executable(bin.resolve("java"));

		StartupTime.Config defaults = config(bin, "--jar", jar.toString());
		StartupTime.Config fresh = config(bin, "--jar", jar.toString(), "--fresh-data", "--runs", "3", "--port",
				"19090", "--jvm-arg", "-Xshare:auto", "--jvm-arg=-XX:TieredStopAtLevel=1", "--timeout", "90s");

		assertThat(defaults.runs()).isEqualTo(5);
		assertThat(defaults.port()).isEqualTo(18080);
		assertThat(defaults.freshData()).isFalse();
		assertThat(defaults.warmupRuns()).isEqualTo(1);
		assertThat(defaults.timeout()).isEqualTo(Duration.ofMinutes(3));
		assertThat(defaults.workDir()).isEqualTo(temp.resolve("work"));
		assertThat(fresh.freshData()).isTrue();
		assertThat(fresh.warmupRuns()).isZero();
		assertThat(fresh.runs()).isEqualTo(3);
		assertThat(fresh.port()).isEqualTo(19090);
		assertThat(fresh.jvmArgs()).containsExactly("-Xshare:auto", "-XX:TieredStopAtLevel=1");
		assertThat(fresh.timeout()).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void rejectsAMissingJar() throws IOException {
		Path bin = Files.createDirectories(temp.resolve("bin"));
		executable(bin.resolve("java"));

		assertThatThrownBy(() -> config(bin, "--jar", temp.resolve("nope.jar").toString()))
				.isInstanceOf(Options.UsageException.class).hasMessageContaining("does not exist");
	}

	@Test
	void tailKeepsTheLastLines() throws IOException {
		Path log = Files.writeString(temp.resolve("run.log"), "one\ntwo\nthree\nfour\n");

		assertThat(StartupTime.tail(log, 2)).isEqualTo("three\nfour");
		assertThat(StartupTime.tail(log, 10)).isEqualTo("one\ntwo\nthree\nfour");
	}

	private StartupTime.Config config(Path bin, String... args) {
		return StartupTime.Config.from(Options.parse(args, StartupTime.VALUED, StartupTime.FLAGS), bin.toString(),
				temp.resolve("work"));
	}

	private static Path executable(Path path) throws IOException {
		Files.writeString(path, "#!/bin/sh\n");
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
		return path;
	}
}
