package com.figmart.migration.topology;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The processes of a topology and what each needs before it starts, as declared in a YAML file such as
 * {@code migration-plan/topology.yml}. Nothing here knows what the processes are: that is the file's business.
 *
 * @param logDirectory where each process writes its log file, {@code <name>.log}
 * @param services the processes, in the order the file lists them
 */
public record Topology(Path logDirectory, List<Service> services) {

	public Topology {
		Objects.requireNonNull(logDirectory, "logDirectory");
		services = List.copyOf(services);
		Map<String, Service> byName = new LinkedHashMap<>();
		for (Service service : services) {
			if (byName.put(service.name(), service) != null) {
				throw new IllegalArgumentException("Service '" + service.name() + "' is declared twice");
			}
		}
		for (Service service : services) {
			for (String dependency : service.dependsOn()) {
				if (!byName.containsKey(dependency)) {
					throw new IllegalArgumentException(
							"Service '" + service.name() + "' depends on '" + dependency + "', which is not declared");
				}
			}
		}
		startOrder(services, byName);
	}

	/**
	 * A process of the topology.
	 *
	 * @param name its name, also the name of its log file
	 * @param jar the jar it runs, relative to the directory the topology is started from
	 * @param port the HTTP port it serves on
	 * @param health the path that answers 200 once it is ready
	 * @param config its settings in this topology, a Spring Boot configuration file added to the jar's own, or
	 *     {@code null}
	 * @param dependsOn the services that must be ready before it starts
	 * @param jvmArgs options for its JVM
	 * @param args its command-line arguments
	 */
	public record Service(String name, Path jar, int port, String health, Path config, List<String> dependsOn,
			List<String> jvmArgs, List<String> args) {

		public Service {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(jar, () -> name + ": jar");
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException(name + ": port must be between 1 and 65535, not " + port);
			}
			if (health == null || !health.startsWith("/")) {
				throw new IllegalArgumentException(name + ": health must be a path starting with '/'");
			}
			dependsOn = List.copyOf(dependsOn);
			jvmArgs = List.copyOf(jvmArgs);
			args = List.copyOf(args);
		}

		public URI url() {
			return URI.create("http://127.0.0.1:" + this.port);
		}

		public URI healthUrl() {
			return URI.create(url() + this.health);
		}

	}

	public static Topology read(Path file) {
		try (Reader reader = Files.newBufferedReader(file)) {
			return parse(reader, file.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the topology " + file, ex);
		}
	}

	static Topology parse(Reader reader, String source) {
		Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
		if (!(document instanceof Map<?, ?> root)) {
			throw new IllegalArgumentException(source + ": expected a mapping with 'logs' and 'services'");
		}
		List<Service> services = new ArrayList<>();
		for (Object entry : list(root.get("services"), "services")) {
			if (!(entry instanceof Map<?, ?> service)) {
				throw new IllegalArgumentException(source + ": every entry of 'services' must be a mapping");
			}
			String name = string(service.get("name"), "services[].name");
			services.add(new Service(name, Path.of(string(service.get("jar"), name + ".jar")),
					((Number) Objects.requireNonNull(service.get("port"), name + ": port")).intValue(),
					string(service.get("health"), name + ".health"),
					service.get("config") == null ? null : Path.of(service.get("config").toString()), strings(service.get("depends-on")),
					strings(service.get("jvm-args")), strings(service.get("args"))));
		}
		Object logs = root.get("logs");
		return new Topology(Path.of(logs == null ? "data/logs" : logs.toString()), services);
	}

	/** The services in an order that starts every service after all it depends on. */
	public List<Service> startOrder() {
		Map<String, Service> byName = new LinkedHashMap<>();
		this.services.forEach((service) -> byName.put(service.name(), service));
		return startOrder(this.services, byName);
	}

	public Service service(String name) {
		return this.services.stream().filter((service) -> service.name().equals(name)).findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No service named '" + name + "'"));
	}

	private static List<Service> startOrder(List<Service> services, Map<String, Service> byName) {
		Set<String> ordered = new LinkedHashSet<>();
		for (Service service : services) {
			visit(service, byName, ordered, new LinkedHashSet<>());
		}
		return ordered.stream().map(byName::get).toList();
	}

	private static void visit(Service service, Map<String, Service> byName, Set<String> ordered, Set<String> path) {
		if (ordered.contains(service.name())) {
			return;
		}
		if (!path.add(service.name())) {
			throw new IllegalArgumentException("Services depend on each other in a cycle: " + String.join(" -> ", path)
					+ " -> " + service.name());
		}
		for (String dependency : service.dependsOn()) {
			visit(byName.get(dependency), byName, ordered, path);
		}
		path.remove(service.name());
		ordered.add(service.name());
	}

	private static List<?> list(Object value, String what) {
		if (!(value instanceof List<?> list)) {
			throw new IllegalArgumentException("'" + what + "' must be a list");
		}
		return list;
	}

	private static List<String> strings(Object value) {
		return value == null ? List.of() : list(value, "a list of strings").stream().map(String::valueOf).toList();
	}

	private static String string(Object value, String what) {
		if (value == null) {
			throw new IllegalArgumentException("'" + what + "' is missing");
		}
		return value.toString();
	}

}
