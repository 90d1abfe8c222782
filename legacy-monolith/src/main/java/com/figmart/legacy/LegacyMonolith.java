package com.figmart.legacy;

import org.springframework.boot.SpringApplication;

import com.figmart.marketplace.Marketplace;

/**
 * The whole marketplace as one deployable: the system the strangler fig grows around.
 * <p>
 * With no datasource configured it starts an embedded PostgreSQL whose data survives restarts
 * (see {@code config/application.yml}), and on first start it loads a demo catalog with stock.
 */
public final class LegacyMonolith {

	private LegacyMonolith() {
	}

	public static void main(String[] args) {
		application().run(args);
	}

	public static SpringApplication application() {
		return new SpringApplication(Marketplace.class, DemoData.class, OrderEventsOnKafka.class);
	}
}
