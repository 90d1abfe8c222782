package com.figmart.migration.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import com.figmart.platform.process.JavaProcess;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code figmart events} against a real Kafka broker: what it shows, what it filters, and when it fails. */
class EventsCommandTests {

	private static EmbeddedKafkaKraftBroker kafka;

	private final StringWriter output = new StringWriter();

	@BeforeAll
	static void startKafkaWithTwoOrders() throws Exception {
		kafka = new EmbeddedKafkaKraftBroker(1, 2, "orders", "empty");
		kafka.afterPropertiesSet();
		try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				kafka.getBrokersAsString()), new StringSerializer(), new StringSerializer())) {
			send(producer, "order-1", "OrderPlaced", "{\"orderId\":\"order-1\",\"total\":{\"amount\":12.00}}");
			send(producer, "order-2", "OrderPlaced", "{\"orderId\":\"order-2\"}");
			send(producer, "order-1", "OrderConfirmed", "{\"orderId\":\"order-1\"}");
		}
	}

	@AfterAll
	static void stopKafka() {
		kafka.destroy();
	}

	@Test
	void showsEveryEventOfTheTopicWithItsKeyAndName() {
		assertThat(events("--topic", "orders")).isEqualTo(FigmartCli.OK);

		assertThat(this.output.toString()).contains("order-1", "order-2", "OrderPlaced", "OrderConfirmed",
				"\"total\":{\"amount\":12.00}", "3 event(s) on orders");
	}

	@Test
	void showsTheEventsOfOneKeyInTheOrderTheyWereSent() {
		assertThat(events("--topic", "orders", "--key", "order-1")).isEqualTo(FigmartCli.OK);

		String shown = this.output.toString();
		assertThat(shown).doesNotContain("order-2").contains("2 event(s) with key order-1");
		assertThat(shown.indexOf("OrderPlaced")).isLessThan(shown.indexOf("OrderConfirmed"));
	}

	@Test
	void showsOnlyTheLastEventsWhenAskedTo() {
		assertThat(events("--topic", "orders", "--last", "1")).isEqualTo(FigmartCli.OK);

		assertThat(this.output.toString()).contains("OrderConfirmed", "the last 1 shown").doesNotContain("OrderPlaced");
	}

	@Test
	void anEmptyTopicIsNoError() {
		assertThat(events("--topic", "empty")).isEqualTo(FigmartCli.OK);

		assertThat(this.output.toString()).contains("0 event(s) on empty");
	}

	@Test
	void aTopicThatDoesNotExistOrAKafkaThatIsNotThereFails() {
		assertThat(events("--topic", "no-such-topic")).isEqualTo(FigmartCli.FAILED);
		assertThat(this.output.toString()).contains("No topic no-such-topic");
		Set<String> topics = kafka.doWithAdminFunction((admin) -> {
			try {
				return admin.listTopics().names().get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(topics).as("looking created nothing").doesNotContain("no-such-topic");

		var command = new EventsCommand(new Terminal(new PrintWriter(this.output, true), false));
		command.bootstrapServers = "127.0.0.1:" + JavaProcess.freePort();
		command.topic = "orders";
		command.last = 20;
		command.typeHeader = "figmart-event-type";
		assertThat(command.call()).isEqualTo(FigmartCli.FAILED);
	}

	private int events(String... args) {
		var command = new EventsCommand(new Terminal(new PrintWriter(this.output, true), false));
		new picocli.CommandLine(command).parseArgs(args);
		command.bootstrapServers = kafka.getBrokersAsString();
		return command.call();
	}

	private static void send(KafkaProducer<String, String> producer, String key, String type, String value) throws Exception {
		var record = new ProducerRecord<>("orders", null, key, value,
				List.of(new RecordHeader("figmart-event-type", type.getBytes(StandardCharsets.UTF_8))));
		producer.send(record).get();
	}

}
