package com.figmart.migration.topology;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.figmart.platform.process.JavaProcess;

import com.figmart.migration.topology.Topology.Service;

/**
 * Starts the processes of a {@link Topology}: each as soon as everything it depends on is ready, so independent
 * services start side by side, and each gated on its health URL. When one fails to become ready, everything
 * started so far is stopped again and the failure is thrown with the end of that service's log.
 */
public final class TopologyLauncher {

	/** What happens while the topology starts, for progress output. */
	public interface Listener {

		void starting(Service service);

		void ready(Service service, JavaProcess process, Duration took);

	}

	private final Path workingDirectory;

	private final Duration readyTimeout;

	private final Listener listener;

	public TopologyLauncher(Path workingDirectory, Duration readyTimeout, Listener listener) {
		this.workingDirectory = workingDirectory;
		this.readyTimeout = readyTimeout;
		this.listener = listener;
	}

	public RunningTopology start(Topology topology) {
		List<Service> order = topology.startOrder();
		List<JavaProcess> started = Collections.synchronizedList(new ArrayList<>());
		Map<String, CompletableFuture<JavaProcess>> ready = new LinkedHashMap<>();
		ExecutorService executor = Executors.newFixedThreadPool(order.size());
		try {
			for (Service service : order) {
				CompletableFuture<?>[] dependencies = service.dependsOn().stream().map(ready::get)
					.toArray(CompletableFuture[]::new);
				ready.put(service.name(), CompletableFuture.allOf(dependencies)
					.thenApplyAsync((ignored) -> start(service, topology.logDirectory(), started), executor));
			}
			CompletableFuture.allOf(ready.values().toArray(CompletableFuture[]::new)).join();
			List<JavaProcess> inStartOrder = order.stream().map((service) -> ready.get(service.name()).join()).toList();
			return new RunningTopology(topology, inStartOrder);
		}
		catch (CompletionException ex) {
			new RunningTopology(topology, List.copyOf(started)).close();
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private JavaProcess start(Service service, Path logDirectory, List<JavaProcess> started) {
		requireFree(service);
		this.listener.starting(service);
		long begin = System.nanoTime();
		Path jar = this.workingDirectory.resolve(service.jar());
		JavaProcess process = JavaProcess.jar(jar)
			.name(service.name())
			.workingDirectory(this.workingDirectory)
			.jvmArgs(service.jvmArgs().toArray(String[]::new))
			.args("--server.port=" + service.port())
			.args(configArgs(service))
			.args(service.args())
			.log(this.workingDirectory.resolve(logDirectory).resolve(service.name() + ".log"))
			.readyWhen(service.healthUrl())
			.readyTimeout(this.readyTimeout)
			.stopGracePeriod(Duration.ofSeconds(30))
			.start();
		started.add(process);
		if (!process.isAlive()) {
			throw new IllegalStateException(service.name() + " exited right after its health URL answered; see "
					+ process.log());
		}
		this.listener.ready(service, process, Duration.ofNanos(System.nanoTime() - begin));
		return process;
	}

	private List<String> configArgs(Service service) {
		if (service.config() == null) {
			return List.of();
		}
		Path config = this.workingDirectory.resolve(service.config());
		if (!java.nio.file.Files.isRegularFile(config)) {
			throw new IllegalStateException(service.name() + ": its configuration " + config + " does not exist");
		}
		return List.of("--spring.config.additional-location=file:" + config.toAbsolutePath().normalize());
	}

	/**
	 * Fails when another process serves the port already: its health URL would answer for a service that is not
	 * there.
	 */
	private static void requireFree(Service service) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), service.port()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(service.name() + " cannot start: port " + service.port()
					+ " is in use by another process (stop it, or change the port in the topology)");
		}
	}

	/** The started processes; closing it stops them in the reverse order of their start. */
	public static final class RunningTopology implements AutoCloseable {

		private final Topology topology;

		private final List<JavaProcess> processes;

		RunningTopology(Topology topology, List<JavaProcess> processes) {
			this.topology = topology;
			this.processes = processes;
		}

		public Topology topology() {
			return this.topology;
		}

		public List<JavaProcess> processes() {
			return this.processes;
		}

		public JavaProcess process(String name) {
			return this.processes.stream().filter((process) -> process.name().equals(name)).findFirst()
				.orElseThrow(() -> new IllegalArgumentException("No running service named '" + name + "'"));
		}

		@Override
		public void close() {
			List<JavaProcess> reversed = new ArrayList<>(this.processes);
			Collections.reverse(reversed);
			reversed.forEach(JavaProcess::close);
		}

	}

}
