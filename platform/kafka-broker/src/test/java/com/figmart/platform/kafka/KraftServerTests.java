package com.figmart.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server keeps what it was given across a restart on the same data directory, as a real broker does. */
class KraftServerTests {

	@TempDir
	Path data;

	@Test
	void topicsRecordsAndTheClusterIdSurviveARestart() throws Exception {
		var properties = new KafkaBrokerProperties(KafkaBrokerApplicationTests.freePort(),
				KafkaBrokerApplicationTests.freePort(), this.data, 2, List.of("figmart.kept"));
		String clusterId;
		try (var server = KraftServer.start(properties);
				var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
						server.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
						new StringSerializer())) {
			producer.send(new ProducerRecord<>("figmart.kept", "order-1", "placed")).get(10, TimeUnit.SECONDS);
			clusterId = clusterId(server);
		}

		try (var server = KraftServer.start(properties);
				var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
						server.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "restart-test",
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
						new StringDeserializer())) {
			assertThat(clusterId(server)).isEqualTo(clusterId);
			consumer.subscribe(List.of("figmart.kept"));
			var values = new ArrayList<String>();
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (values.isEmpty() && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach((record) -> values.add(record.key() + "=" + record.value()));
			}
			assertThat(values).containsExactly("order-1=placed");
		}
	}

	private static String clusterId(KraftServer server) throws Exception {
		try (var admin = KraftServer.admin(server.bootstrapServers())) {
			return admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
		}
	}

}
