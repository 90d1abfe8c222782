package com.figmart.marketplace.payment.internal;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/payments")
class PaymentController {

	private final PaymentProcessing payments;

	PaymentController(PaymentProcessing payments) {
		this.payments = payments;
	}

	@GetMapping("/{orderId}")
	Payment.PaymentView payment(@PathVariable UUID orderId) {
		return payments.paymentOf(orderId);
	}
}
