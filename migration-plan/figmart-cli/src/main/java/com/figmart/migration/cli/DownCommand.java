package com.figmart.migration.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "down", description = "Stops a topology started with 'figmart up', and every process it started.")
final class DownCommand implements Callable<Integer> {

	private static final Duration GRACE = Duration.ofSeconds(60);

	private final Terminal terminal;

	@Mixin
	TopologyOptions options;

	DownCommand(Terminal terminal) {
		this.terminal = terminal;
	}

	@Override
	public Integer call() {
		var pids = this.options.pids();
		var launcher = pids.launcher().filter(ProcessHandle::isAlive);
		var services = pids.services();
		if (launcher.isEmpty() && services.isEmpty()) {
			this.terminal.println("Nothing is running (" + pids.path() + ").");
			pids.delete();
			return FigmartCli.NOT_RUNNING;
		}
		if (launcher.isPresent()) {
			// 'figmart up' in the foreground: its shutdown hook stops the services in order, as Ctrl-C would
			this.terminal.println("Stopping the launcher (pid " + launcher.get().pid() + ") and its services...");
			launcher.get().destroy();
			await(launcher.get());
		}
		List<ProcessHandle> left = new ArrayList<>();
		pids.services().forEach((name, process) -> {
			this.terminal.println("Stopping " + name + " (pid " + process.pid() + ")...");
			left.addAll(process.descendants().toList());
			process.destroy();
			left.add(process);
		});
		left.forEach(this::stop);
		pids.delete();
		this.terminal.println(this.terminal.green("Stopped."));
		return FigmartCli.OK;
	}

	private void stop(ProcessHandle process) {
		process.destroy();
		if (!await(process)) {
			process.destroyForcibly();
		}
	}

	private static boolean await(ProcessHandle process) {
		try {
			process.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (Exception ex) {
			return !process.isAlive();
		}
	}

}
