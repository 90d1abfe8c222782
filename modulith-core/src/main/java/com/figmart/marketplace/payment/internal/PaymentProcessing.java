package com.figmart.marketplace.payment.internal;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.figmart.marketplace.kernel.MarketplaceException;
import com.figmart.marketplace.payment.AuthorizePayment;
import com.figmart.marketplace.payment.CapturePayment;
import com.figmart.marketplace.payment.RefundPayment;

/** Handles payment commands; at most one payment per order, so a repeated command changes nothing. */
@Service
@Transactional
class PaymentProcessing {

	private final Payments payments;
	private final PaymentProvider provider;
	private final Clock clock;

	PaymentProcessing(Payments payments, PaymentProvider provider, Clock clock) {
		this.payments = payments;
		this.provider = provider;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(AuthorizePayment command) {
		if (payments.findByOrderId(command.orderId()).isEmpty()) {
			payments.save(Payment.authorize(command.orderId(), command.amount(), command.paymentToken(), provider,
					clock.instant()));
		}
	}

	@ApplicationModuleListener
	void on(CapturePayment command) {
		payments.findByOrderId(command.orderId()).ifPresent(payment -> {
			payment.capture(clock.instant());
			payments.save(payment);
		});
	}

	@ApplicationModuleListener
	void on(RefundPayment command) {
		payments.findByOrderId(command.orderId()).ifPresent(payment -> {
			payment.refund(clock.instant());
			payments.save(payment);
		});
	}

	@Transactional(readOnly = true)
	Payment.PaymentView paymentOf(UUID orderId) {
		return payments.findByOrderId(orderId).map(Payment::toView)
				.orElseThrow(() -> new PaymentNotFoundException(orderId));
	}

	static final class PaymentNotFoundException extends MarketplaceException.NotFound {
		PaymentNotFoundException(UUID orderId) {
			super("payment-not-found", "No payment for order " + orderId, Map.of("orderId", orderId.toString()));
		}
	}
}
