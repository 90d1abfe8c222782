package com.figmart.migration.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import com.figmart.migration.topology.Topology.Service;
import com.figmart.migration.topology.TopologyLauncher;
import com.figmart.migration.topology.TopologyLauncher.RunningTopology;
import com.figmart.platform.process.JavaProcess;

@Command(name = "up", description = {
		"Starts every service of the topology, each in its own JVM, in dependency order and gated on its health.",
		"Runs until Ctrl-C (or 'figmart down' from another terminal), then stops them all." })
final class UpCommand implements Callable<Integer> {

	private final Terminal terminal;

	@Mixin
	TopologyOptions options;

	@Option(names = "--detach", description = "Return once everything is ready and leave it running; stop it with 'figmart down'.")
	boolean detach;

	@Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "120",
			description = "How long each service may take to become ready (default: ${DEFAULT-VALUE}).")
	int readyTimeoutSeconds;

	UpCommand(Terminal terminal) {
		this.terminal = terminal;
	}

	@Override
	public Integer call() throws InterruptedException {
		if (this.options.pids().launcher().filter(ProcessHandle::isAlive).isPresent()
				|| !this.options.pids().services().isEmpty()) {
			this.terminal.println(this.terminal.red("A topology is running already (" + this.options.pidFile
					+ "); stop it with 'figmart down' first."));
			return FigmartCli.FAILED;
		}
		var topology = this.options.read();
		long begin = System.nanoTime();
		this.terminal.println("Starting " + topology.services().size() + " services; logs in " + topology.logDirectory());
		TopologyLauncher launcher = new TopologyLauncher(Path.of("."), Duration.ofSeconds(this.readyTimeoutSeconds),
				new Progress(this.terminal, begin));
		RunningTopology running = launcher.start(topology);
		Map<String, Long> pids = new LinkedHashMap<>();
		running.processes().forEach((process) -> pids.put(process.name(), process.pid()));
		this.options.pids().write(ProcessHandle.current().pid(), pids);
		summary(running, Duration.ofNanos(System.nanoTime() - begin));
		if (this.detach) {
			this.terminal.println("Left running; stop it with: ./figmart down");
			return FigmartCli.OK;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			this.terminal.println("Stopping every service...");
			running.close();
			this.options.pids().delete();
			this.terminal.println("Stopped.");
			stopped.countDown();
		}, "figmart-down"));
		this.terminal.println("Press Ctrl-C to stop everything.");
		stopped.await();
		return FigmartCli.OK;
	}

	private void summary(RunningTopology running, Duration took) {
		this.terminal.println(this.terminal.green("Ready in " + String.format("%.1f", took.toMillis() / 1000.0) + " s:"));
		List<List<String>> rows = running.topology().startOrder().stream().map((service) -> {
			JavaProcess process = running.process(service.name());
			return List.of(service.name(), service.url().toString(), Long.toString(process.pid()), process.log().toString());
		}).toList();
		this.terminal.table(List.of("SERVICE", "URL", "PID", "LOG"), rows);
	}

	private record Progress(Terminal terminal, long begin) implements TopologyLauncher.Listener {

		@Override
		public void starting(Service service) {
			this.terminal.println(String.format("  %5.1f s  starting %s on port %d", seconds(), service.name(), service.port()));
		}

		@Override
		public void ready(Service service, JavaProcess process, Duration took) {
			this.terminal.println(String.format("  %5.1f s  %s %s (pid %d, %.1f s)", seconds(), this.terminal.green("ready"),
					service.name(), process.pid(), took.toMillis() / 1000.0));
		}

		private double seconds() {
			return (System.nanoTime() - this.begin) / 1e9;
		}

	}

}
