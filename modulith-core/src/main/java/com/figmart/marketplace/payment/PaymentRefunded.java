package com.figmart.marketplace.payment;

import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

import com.figmart.marketplace.kernel.Money;

@DomainEvent
public record PaymentRefunded(UUID orderId, Money amount) {
}
