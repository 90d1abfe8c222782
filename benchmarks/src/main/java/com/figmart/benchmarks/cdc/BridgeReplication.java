package com.figmart.benchmarks.cdc;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import com.figmart.benchmarks.gateway.ManagedProcess;

/**
 * The Figmart CDC bridge as users run it: {@code java -jar cdc-bridge.jar} with a configuration file rendered from
 * a template ({@code bridge-benchmark.properties} in this package, or {@code --bridge-config}) whose
 * {@code ${...}} placeholders name the two servers. Its output goes to {@code bridge.log} in the work directory.
 */
final class BridgeReplication implements Replication {

	static final List<String> DEFAULT_JVM = List.of("-Xms256m", "-Xmx512m", "-XX:+UseParallelGC");

	static final String TEMPLATE = "bridge-benchmark.properties";

	private final CdcBenchmark.Settings settings;

	private final Path workDir;

	private final Map<String, String> placeholders;

	private ManagedProcess process;

	private Properties rendered;

	BridgeReplication(CdcBenchmark.Settings settings, Path workDir, BenchPostgres source, String sourceDatabase,
			BenchPostgres target, String targetDatabase) {
		this.settings = settings;
		this.workDir = workDir;
		this.placeholders = new LinkedHashMap<>();
		placeholders.put("source.jdbc-url", source.jdbcUrl(sourceDatabase));
		placeholders.put("source.host", "127.0.0.1");
		placeholders.put("source.port", String.valueOf(source.port()));
		placeholders.put("source.database", sourceDatabase);
		placeholders.put("target.jdbc-url", target.jdbcUrl(targetDatabase));
		placeholders.put("target.host", "127.0.0.1");
		placeholders.put("target.port", String.valueOf(target.port()));
		placeholders.put("target.database", targetDatabase);
		placeholders.put("work-dir", workDir.toAbsolutePath().toString());
	}

	@Override
	public String name() {
		return "bridge";
	}

	@Override
	public void start() throws IOException {
		String text = render(template(), placeholders);
		rendered = new Properties();
		rendered.load(new StringReader(text));
		Path config = workDir.resolve("bridge.properties");
		Files.writeString(config, text, StandardCharsets.UTF_8);
		List<String> command = new ArrayList<>();
		command.add(settings.java());
		command.addAll(settings.bridgeJvm());
		command.add("-jar");
		command.add(settings.bridgeJar().toString());
		command.add("--spring.config.additional-location=file:" + config.toAbsolutePath());
		command.addAll(settings.bridgeArgs());
		process = ManagedProcess.start("cdc-bridge", command, workDir.resolve("bridge.log"), null);
	}

	/** Debezium's names for the bridge's engine settings, so the report can be read against Debezium's figures. */
	static final Map<String, String> DEBEZIUM_NAMES = Map.of("figmart.cdc.engine.poll-interval", "poll.interval.ms",
			"figmart.cdc.engine.max-batch-size", "max.batch.size", "figmart.cdc.engine.max-queue-size",
			"max.queue.size", "figmart.cdc.engine.heartbeat-interval", "heartbeat.interval.ms",
			"figmart.cdc.engine.offset-flush-interval", "offset.flush.interval.ms");

	/**
	 * The settings that shape the figures: the engine's (Debezium's) settings and the direction from the rendered
	 * configuration, the JVM options and extra arguments. The whole configuration is {@code bridge.properties} in
	 * the work directory.
	 */
	@Override
	public Map<String, String> settings() {
		Map<String, String> values = new TreeMap<>();
		if (rendered != null) {
			for (String name : rendered.stringPropertyNames()) {
				if (name.startsWith("figmart.cdc.engine.") || name.equals("figmart.cdc.reverse")) {
					String debezium = DEBEZIUM_NAMES.get(name);
					values.put((debezium != null) ? name + " (Debezium " + debezium + ")" : name,
							rendered.getProperty(name));
				}
			}
		}
		values.put("bridge jar", jarDescription(settings.bridgeJar()));
		values.put("bridge JVM", String.join(" ", settings.bridgeJvm()));
		if (!settings.bridgeArgs().isEmpty()) {
			values.put("bridge arguments", String.join(" ", settings.bridgeArgs()));
		}
		return values;
	}

	static String jarDescription(Path jar) {
		try {
			return jar.getFileName() + ", " + Files.size(jar) / (1024 * 1024) + " MiB, built "
					+ Files.getLastModifiedTime(jar).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		}
		catch (IOException ex) {
			return jar.toString();
		}
	}

	@Override
	public long pid() {
		ManagedProcess running = process;
		return (running != null) ? running.pid() : -1;
	}

	/** Fails with the end of the bridge's log when it died. */
	@Override
	public void checkAlive() {
		if (process != null && !process.isAlive()) {
			throw new IllegalStateException("the bridge exited; the end of its log:\n" + process.logTail(40));
		}
	}

	@Override
	public void close() {
		if (process != null) {
			process.stop();
			process = null;
		}
	}

	private String template() throws IOException {
		if (settings.bridgeConfig() != null) {
			return Files.readString(settings.bridgeConfig(), StandardCharsets.UTF_8);
		}
		try (InputStream in = BridgeReplication.class.getResourceAsStream(TEMPLATE)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	static String render(String template, Map<String, String> placeholders) {
		String text = template;
		for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
			text = text.replace("${" + placeholder.getKey() + "}", placeholder.getValue());
		}
		return text;
	}

	@Override
	public String toString() {
		return "the CDC bridge";
	}

}
