package com.figmart.migration.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Shows what is on a Kafka topic of the topology, from its start: when, which key, which event, and the payload.
 * Reads without joining a consumer group, so it moves no one's offsets.
 */
@Command(name = "events", description = "Shows the events on a Kafka topic of the topology (default: the monolith's order events).")
final class EventsCommand implements Callable<Integer> {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	private final Terminal terminal;

	@Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
			description = "Where Kafka is (default: ${DEFAULT-VALUE}).")
	String bootstrapServers;

	@Option(names = "--topic", defaultValue = "figmart.orders", description = "The topic (default: ${DEFAULT-VALUE}).")
	String topic;

	@Option(names = "--key", paramLabel = "KEY", description = "Only the events with this key, e.g. an order id.")
	String key;

	@Option(names = "--last", paramLabel = "N", defaultValue = "20",
			description = "Show the last N events found (default: ${DEFAULT-VALUE}; 0 for all).")
	int last;

	@Option(names = "--type-header", paramLabel = "NAME", defaultValue = "figmart-event-type",
			description = "The header that names an event (default: ${DEFAULT-VALUE}).")
	String typeHeader;

	EventsCommand(Terminal terminal) {
		this.terminal = terminal;
	}

	@Override
	public Integer call() {
		List<ConsumerRecord<String, String>> records;
		try {
			records = readAll();
		}
		catch (KafkaException ex) {
			this.terminal.println(this.terminal.red("Cannot read " + this.topic + " at " + this.bootstrapServers + ": " + ex.getMessage()));
			return FigmartCli.FAILED;
		}
		if (records == null) {
			this.terminal.println(this.terminal.red("No topic " + this.topic + " at " + this.bootstrapServers
					+ " (is the topology up? ./figmart status)"));
			return FigmartCli.FAILED;
		}
		List<ConsumerRecord<String, String>> shown = records.stream()
			.filter((record) -> this.key == null || this.key.equals(record.key()))
			.toList();
		int from = (this.last > 0) ? Math.max(0, shown.size() - this.last) : 0;
		List<List<String>> rows = shown.subList(from, shown.size()).stream().map(this::row).toList();
		this.terminal.table(List.of("TIME", "PARTITION/OFFSET", "KEY", "EVENT", "PAYLOAD"), rows);
		this.terminal.println(shown.size() + " event(s)" + ((this.key != null) ? " with key " + this.key : "") + " on "
				+ this.topic + ((from > 0) ? ", the last " + rows.size() + " shown" : ""));
		return FigmartCli.OK;
	}

	/** Everything on the topic now, in the order of each partition; {@code null} when there is no such topic. */
	private List<ConsumerRecord<String, String>> readAll() {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.CLIENT_ID_CONFIG, "figmart-events-" + UUID.randomUUID(),
				ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
				// looking must not create the topic looked for
				ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
			List<PartitionInfo> partitions = consumer.partitionsFor(this.topic, Duration.ofSeconds(5));
			if (partitions == null || partitions.isEmpty()) {
				return null;
			}
			Set<TopicPartition> assigned = partitions.stream()
				.map((partition) -> new TopicPartition(this.topic, partition.partition()))
				.collect(Collectors.toSet());
			consumer.assign(assigned);
			consumer.seekToBeginning(assigned);
			Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(5));
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
			while (assigned.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				if (System.nanoTime() > deadline) {
					throw new KafkaException("the topic was not read to its end within " + READ_TIMEOUT.toSeconds() + " s");
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			records.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
			return records;
		}
	}

	private List<String> row(ConsumerRecord<String, String> record) {
		Header type = record.headers().lastHeader(this.typeHeader);
		String payload = (record.value() == null) ? "(none)" : record.value();
		return List.of(Instant.ofEpochMilli(record.timestamp()).toString(), record.partition() + "/" + record.offset(),
				String.valueOf(record.key()), (type == null) ? "-" : new String(type.value(), StandardCharsets.UTF_8),
				(payload.length() > 80) ? payload.substring(0, 77) + "..." : payload);
	}

}
