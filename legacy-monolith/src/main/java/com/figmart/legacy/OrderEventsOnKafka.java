package com.figmart.legacy;

import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;

import com.figmart.marketplace.order.OrderCancelled;
import com.figmart.marketplace.order.OrderConfirmed;
import com.figmart.marketplace.order.OrderId;
import com.figmart.marketplace.order.OrderPlaced;
import com.figmart.marketplace.order.OrderRejected;
import com.figmart.marketplace.order.OrderShipped;

/**
 * The order events leave the monolith on Kafka, for the services that will take shipping and analytics out of it
 * without reading its database. Spring Modulith externalizes them from the event publication registry after their
 * transaction commits: the registry is the transactional outbox, so an order event reaches Kafka at least once
 * even if Kafka or the monolith was down at the time. One topic, keyed by order id, so that a consumer sees the
 * events of one order in the order they were sent; sends go one at a time, so an order's events, which follow
 * one another through the checkout, are sent in the order they happened. (A resubmitted publication, after a
 * crash, can arrive late or twice: consumers go by the time in each event and ignore what they have seen.) The
 * {@value #EVENT_TYPE_HEADER} header names the event, so consumers depend on event names, not on the monolith's
 * class names.
 * <p>
 * Off unless {@code spring.modulith.events.externalization.enabled=true} and {@code spring.kafka.bootstrap-servers}
 * are given, as the topology does ({@code migration-plan/config/legacy-monolith.yml}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrderEventsOnKafka.Properties.class)
class OrderEventsOnKafka {

	static final String EVENT_TYPE_HEADER = "figmart-event-type";

	private static final Set<Class<?>> ORDER_EVENTS = Set.of(OrderPlaced.class, OrderConfirmed.class,
			OrderRejected.class, OrderCancelled.class, OrderShipped.class);

	@Bean
	EventExternalizationConfiguration orderEventsExternalization(Properties properties) {
		return EventExternalizationConfiguration.externalizing()
			.selectByType(ORDER_EVENTS::contains)
			.routeAll((event) -> RoutingTarget.forTarget(properties.topic()).andKey(orderId(event).id().toString()))
			.headers((event) -> Map.of(EVENT_TYPE_HEADER, event.getClass().getSimpleName()))
			// one send at a time, each acknowledged before the next: without it the first events race each other
			// while the producer fetches metadata, and OrderConfirmed can overtake its OrderPlaced
			.serializeExternalization(true)
			.build();
	}

	private static OrderId orderId(Object event) {
		if (event instanceof OrderPlaced placed) {
			return placed.orderId();
		}
		if (event instanceof OrderConfirmed confirmed) {
			return confirmed.orderId();
		}
		if (event instanceof OrderRejected rejected) {
			return rejected.orderId();
		}
		if (event instanceof OrderCancelled cancelled) {
			return cancelled.orderId();
		}
		if (event instanceof OrderShipped shipped) {
			return shipped.orderId();
		}
		throw new IllegalArgumentException("Not an order event: " + event.getClass().getName());
	}

	/** @param topic the Kafka topic of the order events */
	@ConfigurationProperties("figmart.order-events")
	record Properties(@DefaultValue("figmart.orders") String topic) {
	}

}
