package com.figmart.marketplace.order;

import java.time.Instant;

import org.jmolecules.event.annotation.DomainEvent;

@DomainEvent
public record OrderRejected(OrderId orderId, String reason, Instant rejectedAt) {
}
