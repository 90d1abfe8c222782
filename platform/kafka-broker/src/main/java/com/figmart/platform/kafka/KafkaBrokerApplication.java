package com.figmart.platform.kafka;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Kafka on a machine with nothing but a JDK: Kafka's own server, one node that is broker and KRaft controller,
 * in this JVM, with a health endpoint that says whether clients can reach it. The topology launcher starts it
 * like any other service; docker-compose.yml runs the {@code apache/kafka} image instead.
 */
@SpringBootApplication
@EnableConfigurationProperties(KafkaBrokerProperties.class)
public class KafkaBrokerApplication {

	public static void main(String[] args) {
		SpringApplication.run(KafkaBrokerApplication.class, args);
	}

	/** Started while the context starts, so readiness follows a running server; stopped when it closes. */
	@Bean(destroyMethod = "close")
	KraftServer kafkaServer(KafkaBrokerProperties properties) {
		return KraftServer.start(properties);
	}

}
