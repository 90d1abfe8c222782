package com.figmart.migration.rehearsal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.figmart.migration.topology.Topology;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one command of the README as a user runs it: {@code figmart up --detach} starts the whole topology and
 * returns with a summary, {@code figmart status} sees every service UP, and {@code figmart down} stops every
 * process, the PostgreSQL servers the services started included. (The repository's topology on free ports.)
 */
class FigmartCommandIT {

	private static final Path FIGMART = RehearsalTopology.REPOSITORY.resolve("migration-plan/figmart-cli/target/figmart.jar");

	@Test
	void upStartsEverythingStatusSeesItAndDownLeavesNoProcessBehind() throws Exception {
		Path directory = RehearsalTopology.newWorkingDirectory();
		Topology topology = RehearsalTopology.onFreePorts(directory);
		Path file = directory.resolve("topology.yml");
		RehearsalTopology.write(topology, file);
		String[] options = { "--topology", file.toString(), "--pid-file", directory.resolve("topology.pid").toString() };

		Run up = figmart(directory, "up", "--detach", options[0], options[1], options[2], options[3]);
		List<ProcessHandle> started = new ArrayList<>();
		try {
			assertThat(up.exitCode()).as(up.output()).isZero();
			assertThat(up.output()).contains("Ready in", "Left running; stop it with: ./figmart down");
			Properties pids = new Properties();
			try (var reader = Files.newBufferedReader(directory.resolve("topology.pid"))) {
				pids.load(reader);
			}
			for (Topology.Service service : topology.services()) {
				started.add(ProcessHandle.of(Long.parseLong(pids.getProperty(service.name()))).orElseThrow());
			}
			// embedded PostgreSQL daemonizes (its parent is init), so it is found by its data directory
			List<ProcessHandle> databases = processesUnder(directory).stream().filter((process) -> !started.contains(process)).toList();
			assertThat(databases).as("the PostgreSQL servers the services started").isNotEmpty();
			started.addAll(databases);

			Run status = figmart(directory, "status", options[0], options[1], options[2], options[3]);
			assertThat(status.exitCode()).as(status.output()).isZero();
			assertThat(status.output().lines().filter((line) -> line.endsWith("UP")).count()).isEqualTo(topology.services().size());

			Run down = figmart(directory, "down", options[0], options[1], options[2], options[3]);
			assertThat(down.exitCode()).as(down.output()).isZero();
			assertThat(started).allSatisfy((process) -> assertThat(process.isAlive()).as(process.info().commandLine().orElse("?")).isFalse());
			assertThat(processesUnder(directory)).as("processes left in " + directory).isEmpty();
			assertThat(figmart(directory, "status", options[0], options[1], options[2], options[3]).exitCode()).isEqualTo(3);
		}
		finally {
			// a failed assertion must not leave the topology running: its JVMs, and the PostgreSQL servers that
			// outlive a JVM killed this way, found by the directory they run in
			started.forEach(ProcessHandle::destroyForcibly);
			processesUnder(directory).forEach(ProcessHandle::destroyForcibly);
		}
	}

	/** Every process whose command line names the directory: the services' JVMs and their PostgreSQL servers. */
	private static List<ProcessHandle> processesUnder(Path directory) {
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().commandLine().map((line) -> line.contains(directory.toString())).orElse(false))
			.filter((process) -> process.pid() != ProcessHandle.current().pid())
			.toList();
	}

	private record Run(int exitCode, String output) {
	}

	private static Run figmart(Path directory, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				FIGMART.toString()));
		command.addAll(List.of(args));
		Path log = Files.createTempFile(directory, "figmart-", ".log");
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
			.redirectOutput(log.toFile()).start();
		if (!process.waitFor(Duration.ofMinutes(4).toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
		}
		return new Run(process.exitValue(), Files.readString(log));
	}

}
