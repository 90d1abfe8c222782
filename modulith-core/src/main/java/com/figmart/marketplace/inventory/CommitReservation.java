package com.figmart.marketplace.inventory;

import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/** A command: the order is confirmed, the held stock leaves the warehouse's books. */
@DomainEvent
public record CommitReservation(UUID orderId) {
}
