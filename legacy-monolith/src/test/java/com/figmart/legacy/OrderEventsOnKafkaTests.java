package com.figmart.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.figmart.platform.postgres.test.SharedTestPostgres;

/**
 * With a broker configured, an order's events leave the monolith on Kafka once their transaction has committed:
 * one topic, keyed by the order id, each record named by its {@code figmart-event-type} header and carrying the
 * event as JSON. The publications are complete afterwards: nothing waits in the registry.
 */
class OrderEventsOnKafkaTests {

	private static final String TOPIC = "figmart.orders";

	private static EmbeddedKafkaKraftBroker kafka;

	@BeforeAll
	static void startKafka() {
		kafka = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
		kafka.afterPropertiesSet();
	}

	@AfterAll
	static void stopKafka() {
		kafka.destroy();
	}

	@Test
	void aConfirmedOrderIsPlacedThenConfirmedOnTheOrdersTopicKeyedByItsId() {
		try (var monolith = RunningMonolith.start(SharedTestPostgres.freshDatabase(), List.of(),
				"--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
				"--spring.modulith.events.externalization.enabled=true")) {
			var http = monolith.http();
			var customer = http.registerCustomer("kafka-" + UUID.randomUUID() + "@example.com");
			String orderId = http.post("/api/orders", Map.of("customerId", customer,
					"lines", List.of(Map.of("sku", "MUG-FIG", "quantity", 2)), "paymentToken", "tok_visa"))
				.getBody().get("id").asString();

			List<ConsumerRecord<String, String>> records = recordsOf(orderId, 2);

			assertThat(records).extracting(OrderEventsOnKafkaTests::eventType)
				.containsExactly("OrderPlaced", "OrderConfirmed");
			JsonNode placed = JsonMapper.shared().readTree(records.get(0).value());
			assertThat(placed.get("orderId").asString()).isEqualTo(orderId);
			assertThat(placed.get("customerId").asString()).isEqualTo(customer);
			assertThat(placed.at("/lines/0/sku").toString()).contains("MUG-FIG");
			assertThat(placed.at("/lines/0/quantity").asInt()).isEqualTo(2);
			assertThat(placed.at("/total/currency").asString()).isEqualTo("EUR");
			await().atMost(Duration.ofSeconds(10)).until(() -> monolith.outstandingPublications() == 0);
		}
	}

	private static List<ConsumerRecord<String, String>> recordsOf(String orderId, int expected) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				kafka.getBrokersAsString(), ConsumerConfig.GROUP_ID_CONFIG, "test-" + orderId,
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(TOPIC));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (records.size() < expected && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach((record) -> {
					if (orderId.equals(record.key())) {
						records.add(record);
					}
				});
			}
		}
		return records;
	}

	private static String eventType(ConsumerRecord<String, String> record) {
		var header = record.headers().lastHeader("figmart-event-type");
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
