package com.figmart.marketplace.order;

import java.time.Instant;
import java.util.List;

import org.jmolecules.event.annotation.DomainEvent;

import com.figmart.marketplace.kernel.Money;
import com.figmart.marketplace.user.CustomerId;

@DomainEvent
public record OrderPlaced(OrderId orderId, CustomerId customerId, List<OrderLine> lines, Money total,
		Instant placedAt) {
}
