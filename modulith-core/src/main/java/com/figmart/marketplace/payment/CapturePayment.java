package com.figmart.marketplace.payment;

import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/** A command: the order is confirmed, take the authorised money. */
@DomainEvent
public record CapturePayment(UUID orderId) {
}
