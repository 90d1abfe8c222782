package com.figmart.marketplace.shipping;

import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/** A command: prepare a shipment for a confirmed order. */
@DomainEvent
public record ShipOrder(UUID orderId, UUID customerId) {
}
