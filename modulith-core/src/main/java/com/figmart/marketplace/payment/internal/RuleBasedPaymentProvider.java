package com.figmart.marketplace.payment.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.figmart.marketplace.kernel.Money;

/**
 * A deterministic provider: the same request always gets the same answer, so tests and load runs
 * can choose their outcome with the payment token or the amount.
 */
@Component
class RuleBasedPaymentProvider implements PaymentProvider {

	private final PaymentProperties rules;

	RuleBasedPaymentProvider(PaymentProperties rules) {
		this.rules = rules;
	}

	@Override
	public Authorization authorize(String paymentReference, Money amount, String paymentToken) {
		if (rules.declinedTokens().contains(paymentToken)) {
			return new Authorization.Declined("card declined by issuer");
		}
		if (amount.amount().compareTo(rules.amountLimit()) > 0) {
			return new Authorization.Declined("amount " + amount + " above the limit of " + rules.amountLimit());
		}
		var code = UUID.nameUUIDFromBytes((paymentReference + "|" + amount).getBytes(StandardCharsets.UTF_8));
		return new Authorization.Approved("AUTH-" + code.toString().substring(0, 8).toUpperCase());
	}
}
