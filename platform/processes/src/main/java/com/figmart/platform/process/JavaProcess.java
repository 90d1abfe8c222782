package com.figmart.platform.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A Figmart app running in a JVM of its own, started from a jar or a main class, with its output in a log
 * file.
 *
 * <pre>{@code
 * try (JavaProcess monolith = JavaProcess.jar(Path.of("legacy-monolith/target/legacy-monolith.jar"))
 *         .name("legacy-monolith")
 *         .args("--server.port=" + port)
 *         .log(logDirectory.resolve("legacy-monolith.log"))
 *         .readyWhen(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
 *         .start()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #start} returns once the readiness URL answers 200, and fails with the end of the log when the
 * process exits first or is not ready in time. {@link #close} stops it like an operator would (SIGTERM, then
 * SIGKILL after a grace period) and then kills whatever it had started and left running (such as an
 * embedded PostgreSQL), so a test or a launcher leaves no process behind. {@link #kill} is {@code kill -9}:
 * the children are left running, as they would be in a crash.
 */
public final class JavaProcess implements AutoCloseable {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Process process;

	private final Path log;

	private final Duration stopGracePeriod;

	private JavaProcess(String name, Process process, Path log, Duration stopGracePeriod) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.stopGracePeriod = stopGracePeriod;
	}

	/** Prepares {@code java -jar jar}. */
	public static Builder jar(Path jar) {
		return new Builder(List.of("-jar", jar.toString()), jar.getFileName().toString());
	}

	/** Prepares {@code java -cp classpath mainClass}. */
	public static Builder mainClass(String mainClass, String classpath) {
		return new Builder(List.of("-cp", classpath, mainClass), mainClass);
	}

	/** A TCP port on 127.0.0.1 that was free a moment ago. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port", ex);
		}
	}

	public String name() {
		return this.name;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public Path log() {
		return this.log;
	}

	/** The log so far. */
	public String output() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code kill -9}: the JVM dies at once; processes it started keep running. */
	public void kill() {
		this.process.destroyForcibly();
		awaitExit(this.process.toHandle(), Duration.ofSeconds(30));
	}

	/**
	 * Stops the JVM with SIGTERM, waiting up to the grace period before SIGKILL, and returns whether it
	 * stopped within the grace period. Processes it started and left behind are not touched.
	 */
	public boolean stop() {
		if (!this.process.isAlive()) {
			return true;
		}
		this.process.destroy();
		if (awaitExit(this.process.toHandle(), this.stopGracePeriod)) {
			return true;
		}
		kill();
		return false;
	}

	/** Stops the JVM (see {@link #stop}), then kills every process it had started that is still alive. */
	@Override
	public void close() {
		List<ProcessHandle> descendants = this.process.descendants().toList();
		stop();
		for (ProcessHandle child : descendants) {
			if (child.isAlive()) {
				child.destroy();
				if (!awaitExit(child, Duration.ofSeconds(10))) {
					child.destroyForcibly();
				}
			}
		}
	}

	@Override
	public String toString() {
		return this.name + "[pid " + this.process.pid() + (this.process.isAlive() ? "" : ", exited") + "]";
	}

	private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
		try {
			handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (java.util.concurrent.TimeoutException ex) {
			return false;
		}
		catch (java.util.concurrent.ExecutionException ex) {
			return !handle.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !handle.isAlive();
		}
	}

	/** Settings of a process to start. */
	public static final class Builder {

		private final List<String> target;

		private String name;

		private Path javaHome = Path.of(System.getProperty("java.home"));

		private final List<String> jvmArgs = new ArrayList<>();

		private final List<String> args = new ArrayList<>();

		private Path workingDirectory;

		private Path log;

		private URI readiness;

		private Duration readyTimeout = Duration.ofMinutes(2);

		private Duration stopGracePeriod = Duration.ofSeconds(60);

		private Builder(List<String> target, String name) {
			this.target = target;
			this.name = name;
		}

		/** The name used in messages; defaults to the jar's file name or the main class. */
		public Builder name(String name) {
			this.name = Objects.requireNonNull(name, "name");
			return this;
		}

		/** The JDK to run with; defaults to the one running this code. */
		public Builder javaHome(Path javaHome) {
			this.javaHome = Objects.requireNonNull(javaHome, "javaHome");
			return this;
		}

		public Builder jvmArgs(String... jvmArgs) {
			this.jvmArgs.addAll(List.of(jvmArgs));
			return this;
		}

		public Builder args(String... args) {
			this.args.addAll(List.of(args));
			return this;
		}

		public Builder args(List<String> args) {
			this.args.addAll(args);
			return this;
		}

		public Builder workingDirectory(Path workingDirectory) {
			this.workingDirectory = workingDirectory;
			return this;
		}

		/** Where standard output and error go; required. */
		public Builder log(Path log) {
			this.log = Objects.requireNonNull(log, "log");
			return this;
		}

		/** A URL that answers 200 once the app is ready; without one, {@link #start} returns at once. */
		public Builder readyWhen(URI readiness) {
			this.readiness = readiness;
			return this;
		}

		public Builder readyTimeout(Duration readyTimeout) {
			this.readyTimeout = Objects.requireNonNull(readyTimeout, "readyTimeout");
			return this;
		}

		/** How long {@link JavaProcess#stop} waits after SIGTERM before SIGKILL. */
		public Builder stopGracePeriod(Duration stopGracePeriod) {
			this.stopGracePeriod = Objects.requireNonNull(stopGracePeriod, "stopGracePeriod");
			return this;
		}

		/** The command line, as it will be run. */
		public List<String> command() {
			List<String> command = new ArrayList<>();
			command.add(this.javaHome.resolve("bin").resolve("java").toString());
			command.addAll(this.jvmArgs);
			command.addAll(this.target);
			command.addAll(this.args);
			return command;
		}

		/**
		 * Starts the process and waits until it is ready.
		 *
		 * @throws IllegalStateException if it exits before it is ready or is not ready in time (it is then
		 *     stopped); the message ends with the last lines of its log
		 */
		public JavaProcess start() {
			if (this.log == null) {
				throw new IllegalStateException(this.name + ": a log file must be set");
			}
			ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
			if (this.workingDirectory != null) {
				builder.directory(this.workingDirectory.toFile());
			}
			JavaProcess started;
			try {
				Files.createDirectories(this.log.toAbsolutePath().getParent());
				started = new JavaProcess(this.name, builder.start(), this.log, this.stopGracePeriod);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(this.name + ": cannot start " + command(), ex);
			}
			if (this.readiness != null) {
				awaitReady(started);
			}
			return started;
		}

		private void awaitReady(JavaProcess started) {
			Instant deadline = Instant.now().plus(this.readyTimeout);
			while (Instant.now().isBefore(deadline)) {
				if (!started.isAlive()) {
					throw new IllegalStateException(this.name + " exited with code " + started.process.exitValue()
							+ " before it was ready; see " + this.log + ":\n" + tail(started.output()));
				}
				if (answers200(this.readiness)) {
					return;
				}
				try {
					Thread.sleep(POLL_INTERVAL.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					started.close();
					throw new IllegalStateException(this.name + ": interrupted while waiting for readiness", ex);
				}
			}
			started.close();
			throw new IllegalStateException(this.name + " was not ready within " + this.readyTimeout + " ("
					+ this.readiness + "); see " + this.log + ":\n" + tail(started.output()));
		}

		private static boolean answers200(URI uri) {
			try {
				HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
				return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		private static String tail(String output) {
			String[] lines = output.split("\n");
			int from = Math.max(0, lines.length - 40);
			return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
		}

	}

}
