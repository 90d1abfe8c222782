package com.figmart.marketplace.order;

import java.time.Instant;
import java.util.List;

import org.jmolecules.event.annotation.DomainEvent;

import com.figmart.marketplace.kernel.Money;

/** A confirmed order was cancelled before it shipped; its sale is undone. */
@DomainEvent
public record OrderCancelled(OrderId orderId, List<OrderLine> lines, Money total, Instant confirmedAt,
		Instant cancelledAt) {
}
