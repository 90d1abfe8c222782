package com.figmart.marketplace.payment;

import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

@DomainEvent
public record PaymentDeclined(UUID orderId, String reason) {
}
