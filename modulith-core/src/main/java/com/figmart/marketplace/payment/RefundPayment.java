package com.figmart.marketplace.payment;

import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/** A command: the order is cancelled; give the money back, or void an authorisation not yet captured. */
@DomainEvent
public record RefundPayment(UUID orderId) {
}
