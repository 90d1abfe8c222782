package com.figmart.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/**
 * The broker app as the topology uses it: clients reach Kafka at the configured bootstrap address, the topics
 * asked for exist from the start, and readiness reports the broker. The context is closed after the class: Kafka
 * runs one server per JVM (its metrics and fatal-error handling are process-wide), and other tests start their own.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "figmart.kafka-broker.topics=figmart.test-orders", "figmart.kafka-broker.partitions=2" })
class KafkaBrokerApplicationTests {

	static final int KAFKA_PORT = freePort();

	@TempDir
	static Path data;

	@DynamicPropertySource
	static void broker(DynamicPropertyRegistry properties) {
		properties.add("figmart.kafka-broker.port", () -> KAFKA_PORT);
		properties.add("figmart.kafka-broker.controller-port", KafkaBrokerApplicationTests::freePort);
		properties.add("figmart.kafka-broker.data-directory", () -> data.toString());
	}

	@LocalServerPort
	int httpPort;

	@Test
	void readinessSaysTheBrokerAnswersAndListsTheTopicsCreatedAtStartUp() {
		JsonNode readiness = RestClient.create("http://127.0.0.1:" + this.httpPort)
			.get()
			.uri("/actuator/health/readiness")
			.retrieve()
			.body(JsonNode.class);

		assertThat(readiness.get("status").asString()).isEqualTo("UP");
		JsonNode broker = readiness.get("components").get("broker").get("details");
		assertThat(broker.get("bootstrapServers").asString()).isEqualTo("127.0.0.1:" + KAFKA_PORT);
		assertThat(broker.get("nodes").asInt()).isEqualTo(1);
		assertThat(broker.get("topics").toString()).contains("figmart.test-orders");
	}

	@Test
	void aRecordProducedAtTheBootstrapAddressIsConsumedInOrderOfItsKey() throws Exception {
		String bootstrap = "127.0.0.1:" + KAFKA_PORT;
		String key = UUID.randomUUID().toString();
		try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>("figmart.test-orders", key, "placed")).get();
			producer.send(new ProducerRecord<>("figmart.test-orders", key, "confirmed")).get();
		}

		try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ConsumerConfig.GROUP_ID_CONFIG, "broker-test-" + key, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of("figmart.test-orders"));
			var received = new ArrayList<String>();
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (received.size() < 2 && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.key().equals(key)) {
						received.add(record.value());
					}
				}
			}
			assertThat(received).containsExactly("placed", "confirmed");
		}
	}

	static int freePort() {
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port on 127.0.0.1", ex);
		}
	}

}
