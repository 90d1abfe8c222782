package com.figmart.marketplace.order;

import java.time.Instant;

import org.jmolecules.event.annotation.DomainEvent;

@DomainEvent
public record OrderShipped(OrderId orderId, String trackingNumber, Instant shippedAt) {
}
