package com.figmart.marketplace.payment.internal;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;
import org.springframework.data.domain.AbstractAggregateRoot;

import com.figmart.marketplace.kernel.Money;
import com.figmart.marketplace.payment.PaymentAuthorized;
import com.figmart.marketplace.payment.PaymentCaptured;
import com.figmart.marketplace.payment.PaymentDeclined;
import com.figmart.marketplace.payment.PaymentRefunded;

/** The payment of one order, from authorisation to capture or refund. */
@AggregateRoot
@Entity
@Table(schema = "payment", name = "payments")
class Payment extends AbstractAggregateRoot<Payment> {

	enum Status {
		AUTHORIZED, DECLINED, CAPTURED, VOIDED, REFUNDED
	}

	@Id
	@Identity
	private UUID id;

	private UUID orderId;

	@Embedded
	@AttributeOverrides({ @AttributeOverride(name = "amount", column = @Column(name = "amount")),
			@AttributeOverride(name = "currency", column = @Column(name = "currency")) })
	private Money amount;

	@Enumerated(EnumType.STRING)
	private Status status;

	private String authorizationCode;
	private String declineReason;
	private Instant createdAt;
	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	protected Payment() {
	}

	private Payment(UUID orderId, Money amount, Instant now) {
		this.id = UUID.randomUUID();
		this.orderId = orderId;
		this.amount = amount;
		this.createdAt = now;
		this.updatedAt = now;
	}

	static Payment authorize(UUID orderId, Money amount, String paymentToken, PaymentProvider provider, Instant now) {
		var payment = new Payment(orderId, amount, now);
		var answer = provider.authorize(orderId.toString(), amount, paymentToken);
		if (answer instanceof PaymentProvider.Authorization.Approved approved) {
			payment.status = Status.AUTHORIZED;
			payment.authorizationCode = approved.code();
			payment.registerEvent(new PaymentAuthorized(orderId, payment.id, approved.code()));
		}
		else {
			var declined = (PaymentProvider.Authorization.Declined) answer;
			payment.status = Status.DECLINED;
			payment.declineReason = declined.reason();
			payment.registerEvent(new PaymentDeclined(orderId, declined.reason()));
		}
		return payment;
	}

	/** Captures an authorised payment; a repeated capture is a no-op. */
	void capture(Instant now) {
		if (status == Status.CAPTURED) {
			return;
		}
		requireStatus(Status.AUTHORIZED, "capture");
		status = Status.CAPTURED;
		updatedAt = now;
		registerEvent(new PaymentCaptured(orderId, amount));
	}

	/** Gives the money back: voids an authorisation, refunds a capture; a declined payment has nothing to give. */
	void refund(Instant now) {
		if (status == Status.AUTHORIZED) {
			status = Status.VOIDED;
		}
		else if (status == Status.CAPTURED) {
			status = Status.REFUNDED;
			registerEvent(new PaymentRefunded(orderId, amount));
		}
		else {
			return;
		}
		updatedAt = now;
	}

	private void requireStatus(Status expected, String action) {
		if (status != expected) {
			throw new IllegalStateException("Cannot " + action + " payment of order " + orderId + ": it is " + status);
		}
	}

	PaymentView toView() {
		return new PaymentView(id, orderId, amount, status.name(), authorizationCode, declineReason, createdAt,
				updatedAt);
	}

	record PaymentView(UUID id, UUID orderId, Money amount, String status, String authorizationCode,
			String declineReason, Instant createdAt, Instant updatedAt) {
	}
}
