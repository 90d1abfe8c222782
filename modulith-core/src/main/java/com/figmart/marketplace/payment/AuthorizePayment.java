package com.figmart.marketplace.payment;

import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

import com.figmart.marketplace.kernel.Money;

/** A command: authorise the amount on the payment method. Answered by {@link PaymentAuthorized} or {@link PaymentDeclined}. */
@DomainEvent
public record AuthorizePayment(UUID orderId, Money amount, String paymentToken) {
}
