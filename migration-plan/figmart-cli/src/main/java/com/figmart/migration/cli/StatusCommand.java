package com.figmart.migration.cli;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import com.figmart.migration.topology.Topology.Service;

@Command(name = "status", description = "Shows each service of the topology: its URL, process and health.")
final class StatusCommand implements Callable<Integer> {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Terminal terminal;

	@Mixin
	TopologyOptions options;

	StatusCommand(Terminal terminal) {
		this.terminal = terminal;
	}

	@Override
	public Integer call() {
		var topology = this.options.read();
		var running = this.options.pids().services();
		List<List<String>> rows = topology.startOrder().stream().map((service) -> {
			var process = running.get(service.name());
			return List.of(service.name(), service.url().toString(), process == null ? "-" : Long.toString(process.pid()),
					health(service));
		}).toList();
		this.terminal.table(List.of("SERVICE", "URL", "PID", "HEALTH"), rows);
		return running.isEmpty() ? FigmartCli.NOT_RUNNING : FigmartCli.OK;
	}

	private String health(Service service) {
		try {
			int status = HTTP.send(HttpRequest.newBuilder(service.healthUrl()).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.discarding()).statusCode();
			return (status == 200) ? this.terminal.green("UP") : this.terminal.red("DOWN (" + status + ")");
		}
		catch (IOException ex) {
			return this.terminal.red("unreachable");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "?";
		}
	}

}
