package com.figmart.migration.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Which processes a started topology consists of: the launcher itself and one process per service, so that
 * {@code figmart down} and {@code figmart status} find them from another terminal.
 */
public final class PidFile {

	static final String LAUNCHER = "launcher";

	private final Path file;

	public PidFile(Path file) {
		this.file = file;
	}

	public Path path() {
		return this.file;
	}

	public void write(long launcherPid, Map<String, Long> servicePids) {
		Properties properties = new Properties();
		properties.setProperty(LAUNCHER, Long.toString(launcherPid));
		servicePids.forEach((name, pid) -> properties.setProperty(name, Long.toString(pid)));
		try {
			Files.createDirectories(this.file.toAbsolutePath().getParent());
			try (var writer = Files.newBufferedWriter(this.file)) {
				properties.store(writer, "figmart up: the launcher and its services");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + this.file, ex);
		}
	}

	/** The launcher's process, when the file names one that still runs. */
	public Optional<ProcessHandle> launcher() {
		return read().entrySet().stream().filter((entry) -> entry.getKey().equals(LAUNCHER)).findFirst()
			.flatMap((entry) -> ProcessHandle.of(entry.getValue()));
	}

	/** The services' processes that still run, by service name. */
	public Map<String, ProcessHandle> services() {
		Map<String, ProcessHandle> alive = new LinkedHashMap<>();
		read().forEach((name, pid) -> {
			if (!name.equals(LAUNCHER)) {
				ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent((handle) -> alive.put(name, handle));
			}
		});
		return alive;
	}

	public void delete() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + this.file, ex);
		}
	}

	private Map<String, Long> read() {
		Map<String, Long> pids = new LinkedHashMap<>();
		if (!Files.exists(this.file)) {
			return pids;
		}
		Properties properties = new Properties();
		try (var reader = Files.newBufferedReader(this.file)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + this.file, ex);
		}
		properties.stringPropertyNames().forEach((name) -> pids.put(name, Long.parseLong(properties.getProperty(name).trim())));
		return pids;
	}

}
