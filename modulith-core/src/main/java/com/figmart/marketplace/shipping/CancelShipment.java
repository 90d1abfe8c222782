package com.figmart.marketplace.shipping;

import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/** A command: the order was cancelled; stop its shipment unless it has left already. */
@DomainEvent
public record CancelShipment(UUID orderId) {
}
