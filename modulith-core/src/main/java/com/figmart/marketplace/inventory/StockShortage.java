package com.figmart.marketplace.inventory;

import java.util.List;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

import com.figmart.marketplace.kernel.Sku;

/** Nothing was reserved: these SKUs lack the quantity asked for. */
@DomainEvent
public record StockShortage(UUID orderId, List<Sku> missing) {

	public StockShortage {
		missing = List.copyOf(missing);
	}
}
