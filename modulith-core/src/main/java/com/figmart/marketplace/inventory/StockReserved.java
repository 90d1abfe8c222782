package com.figmart.marketplace.inventory;

import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

@DomainEvent
public record StockReserved(UUID orderId) {
}
