package com.figmart.marketplace.inventory;

import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/** A command: give the order's stock back, whether it was only held or already committed. */
@DomainEvent
public record ReleaseReservation(UUID orderId, String reason) {
}
