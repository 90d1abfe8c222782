package com.figmart.marketplace.payment;

import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

@DomainEvent
public record PaymentAuthorized(UUID orderId, UUID paymentId, String authorizationCode) {
}
