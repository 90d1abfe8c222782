package com.figmart.platform.kafka;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The broker's settings.
 *
 * @param port the port clients bootstrap from (PLAINTEXT on 127.0.0.1); fixed, because the apps are configured
 *     with it
 * @param controllerPort the port of the KRaft controller in the same process (the quorum of one)
 * @param dataDirectory where the broker keeps its log and metadata; formatted on first start, kept after that
 * @param partitions the partitions of a topic, both those created at start-up and those created on first use
 * @param topics the topics created at start-up, so that the first producer does not race a consumer to create one
 */
@ConfigurationProperties("figmart.kafka-broker")
record KafkaBrokerProperties(@DefaultValue("9092") int port, @DefaultValue("9093") int controllerPort,
		@DefaultValue("data/kafka-broker") Path dataDirectory, @DefaultValue("3") int partitions,
		@DefaultValue List<String> topics) {

	KafkaBrokerProperties {
		requirePort("port", port);
		requirePort("controller-port", controllerPort);
		if (port == controllerPort) {
			throw new IllegalArgumentException("figmart.kafka-broker.port and controller-port must differ, both are " + port);
		}
		if (partitions < 1) {
			throw new IllegalArgumentException("figmart.kafka-broker.partitions must be at least 1, not " + partitions);
		}
		topics = List.copyOf(topics);
	}

	private static void requirePort(String name, int port) {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("figmart.kafka-broker." + name + " must be a TCP port (1-65535), not " + port);
		}
	}

}
