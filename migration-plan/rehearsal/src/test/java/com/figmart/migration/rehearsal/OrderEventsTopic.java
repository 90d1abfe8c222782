package com.figmart.migration.rehearsal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The monolith's order events as a consumer outside it sees them on Kafka: for each order id (the record key),
 * the names of its events in the order they arrived.
 */
final class OrderEventsTopic {

	static final String TOPIC = "figmart.orders";

	private OrderEventsTopic() {
	}

	/** Reads the topic from its start until every expected order has its events or the time is up. */
	static Map<String, List<String>> read(String bootstrapServers, Set<String> expectedOrders, Duration timeout) {
		Map<String, List<String>> events = new LinkedHashMap<>();
		try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, "rehearsal-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(TOPIC));
			long deadline = System.nanoTime() + timeout.toNanos();
			while (!complete(events, expectedOrders) && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					Header type = record.headers().lastHeader("figmart-event-type");
					events.computeIfAbsent(record.key(), (key) -> new ArrayList<>())
						.add((type != null) ? new String(type.value(), StandardCharsets.UTF_8) : "(no type)");
				}
			}
		}
		return events;
	}

	private static boolean complete(Map<String, List<String>> events, Set<String> expectedOrders) {
		return expectedOrders.stream().allMatch((order) -> events.getOrDefault(order, List.of()).size() >= 2);
	}

}
