package com.figmart.marketplace.inventory;

import java.util.List;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/** A command: hold stock for an order, all lines or none. Answered by {@link StockReserved} or {@link StockShortage}. */
@DomainEvent
public record ReserveStock(UUID orderId, List<StockLine> lines) {

	public ReserveStock {
		lines = List.copyOf(lines);
	}
}
