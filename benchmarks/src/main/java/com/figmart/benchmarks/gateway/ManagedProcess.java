package com.figmart.benchmarks.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server the benchmark started (backend, gateway, nginx): its output goes to a log file, and
 * {@link #stop()} leaves nothing behind, including an embedded PostgreSQL that {@code pg_ctl} may have detached
 * from the process tree (found through {@code postmaster.pid} in the data directory, if one is given).
 */
public final class ManagedProcess {

	private final String name;

	private final Process process;

	private final Path log;

	private final Path dataDirectory;

	private ManagedProcess(String name, Process process, Path log, Path dataDirectory) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.dataDirectory = dataDirectory;
	}

	public static ManagedProcess start(String name, List<String> command, Path log, Path dataDirectory) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		return new ManagedProcess(name, process, log, dataDirectory);
	}

	public String name() {
		return name;
	}

	public Path log() {
		return log;
	}

	public long pid() {
		return process.pid();
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	/** The last lines of the log, to explain a failed start. */
	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | RuntimeException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/** How many log lines contain {@code text} (case-insensitive). */
	public long countInLog(String text) {
		try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
			String lower = text.toLowerCase();
			return lines.filter((line) -> line.toLowerCase().contains(lower)).count();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/** SIGTERM, up to 20 s to end, then SIGKILL; the same for whatever it started. */
	public void stop() {
		List<ProcessHandle> family = new ArrayList<>();
		process.descendants().forEach(family::add);
		postmaster().ifPresent(family::add);
		process.destroy();
		try {
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		for (ProcessHandle left : family) {
			if (left.isAlive()) {
				left.destroy();
				left.onExit().completeOnTimeout(left, 10, TimeUnit.SECONDS).join();
				if (left.isAlive()) {
					left.destroyForcibly();
				}
			}
		}
	}

	private Optional<ProcessHandle> postmaster() {
		if (dataDirectory == null) {
			return Optional.empty();
		}
		try (var files = Files.find(dataDirectory, 4, (path, attributes) -> path.endsWith("postmaster.pid"))) {
			return files.findFirst().flatMap((pidFile) -> {
				try {
					long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
					return ProcessHandle.of(pid);
				}
				catch (IOException | RuntimeException ex) {
					return Optional.empty();
				}
			});
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

}
