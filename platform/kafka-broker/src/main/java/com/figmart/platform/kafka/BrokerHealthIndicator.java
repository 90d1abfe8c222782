package com.figmart.platform.kafka;

import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * UP when a client can reach the broker the way every app does, by its bootstrap address: the cluster answers
 * with its id and nodes, and lists its topics. Part of the readiness group, which the launcher waits for.
 */
@Component("broker")
class BrokerHealthIndicator extends AbstractHealthIndicator {

	private final String bootstrapServers;

	BrokerHealthIndicator(KraftServer server) {
		super("Kafka broker health check failed");
		this.bootstrapServers = server.bootstrapServers();
	}

	@Override
	protected void doHealthCheck(Health.Builder health) throws Exception {
		long timeout = KraftServer.CLIENT_TIMEOUT.toMillis();
		try (Admin admin = KraftServer.admin(this.bootstrapServers)) {
			var cluster = admin.describeCluster();
			String clusterId = cluster.clusterId().get(timeout, TimeUnit.MILLISECONDS);
			int nodes = cluster.nodes().get(timeout, TimeUnit.MILLISECONDS).size();
			var topics = new TreeSet<>(admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS));
			health.up()
				.withDetail("bootstrapServers", this.bootstrapServers)
				.withDetail("clusterId", clusterId)
				.withDetail("nodes", nodes)
				.withDetail("topics", topics);
		}
	}

}
