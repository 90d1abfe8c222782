package com.figmart.platform.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's own server in this JVM, set up the way {@code kafka-storage.sh format} and {@code kafka-server-start.sh}
 * set up a single combined node: one process that is both the broker and the KRaft controller (a quorum of one),
 * its log directory formatted on the first start and kept after that, so topics and offsets survive a restart.
 */
final class KraftServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(KraftServer.class);

	static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(3);

	private static final int NODE_ID = 1;

	private final KafkaRaftServer server;

	private final String bootstrapServers;

	private KraftServer(KafkaRaftServer server, String bootstrapServers) {
		this.server = server;
		this.bootstrapServers = bootstrapServers;
	}

	static KraftServer start(KafkaBrokerProperties properties) {
		Properties config = config(properties);
		Path logDirectory = properties.dataDirectory().resolve("log");
		if (!Files.exists(logDirectory.resolve("meta.properties"))) {
			format(config, properties.dataDirectory());
		}
		var server = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
		server.startup();
		var started = new KraftServer(server, "127.0.0.1:" + properties.port());
		try {
			started.createTopics(properties.topics(), properties.partitions());
		}
		catch (RuntimeException ex) {
			started.close();
			throw ex;
		}
		log.info("Kafka (KRaft, one node) at {}, data in {}", started.bootstrapServers, properties.dataDirectory().toAbsolutePath());
		return started;
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	@Override
	public void close() {
		this.server.shutdown();
		this.server.awaitShutdown();
	}

	private static Properties config(KafkaBrokerProperties properties) {
		String controller = "127.0.0.1:" + properties.controllerPort();
		Properties config = new Properties();
		config.put("process.roles", "broker,controller");
		config.put("node.id", String.valueOf(NODE_ID));
		config.put("listeners", "PLAINTEXT://127.0.0.1:" + properties.port() + ",CONTROLLER://" + controller);
		config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + properties.port());
		config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		config.put("controller.listener.names", "CONTROLLER");
		config.put("controller.quorum.voters", NODE_ID + "@" + controller);
		config.put("log.dirs", properties.dataDirectory().resolve("log").toAbsolutePath().toString());
		config.put("num.partitions", String.valueOf(properties.partitions()));
		// one node: the internal topics cannot have more replicas than that
		config.put("offsets.topic.replication.factor", "1");
		config.put("transaction.state.log.replication.factor", "1");
		config.put("transaction.state.log.min.isr", "1");
		config.put("share.coordinator.state.topic.replication.factor", "1");
		config.put("share.coordinator.state.topic.min.isr", "1");
		// a consumer group of one member need not wait for others to join
		config.put("group.initial.rebalance.delay.ms", "0");
		return config;
	}

	/** The first start: a new cluster id and the metadata log, as {@code kafka-storage.sh format} writes them. */
	private static void format(Properties config, Path dataDirectory) {
		try {
			Files.createDirectories(dataDirectory);
			Path file = dataDirectory.resolve("server.properties");
			try (Writer writer = Files.newBufferedWriter(file)) {
				config.store(writer, "written by the Figmart Kafka broker for kafka-storage format; its settings are in figmart.kafka-broker.*");
			}
			var output = new ByteArrayOutputStream();
			int status = StorageTool.execute(new String[] { "format", "--config", file.toString(), "--cluster-id",
					Uuid.randomUuid().toString() }, new PrintStream(output, true, StandardCharsets.UTF_8));
			if (status != 0) {
				throw new IllegalStateException("Formatting " + dataDirectory + " for Kafka failed: " + output.toString(StandardCharsets.UTF_8));
			}
			log.info(output.toString(StandardCharsets.UTF_8).strip());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare " + dataDirectory + " for Kafka", ex);
		}
	}

	private void createTopics(List<String> topics, int partitions) {
		if (topics.isEmpty()) {
			return;
		}
		try (Admin admin = admin(this.bootstrapServers)) {
			for (String topic : topics) {
				try {
					admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
						.all()
						.get(30, TimeUnit.SECONDS);
					log.info("Created topic {} with {} partitions", topic, partitions);
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException("Cannot create topic " + topic, ex.getCause());
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Kafka did not create the topics " + topics + " within 30 s", ex);
		}
	}

	static Admin admin(String bootstrapServers) {
		int timeout = (int) CLIENT_TIMEOUT.toMillis();
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout));
	}

}
