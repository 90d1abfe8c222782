package com.figmart.marketplace.inventory;

import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/** A held reservation was never committed in time; its stock is available again. */
@DomainEvent
public record ReservationExpired(UUID orderId) {
}
