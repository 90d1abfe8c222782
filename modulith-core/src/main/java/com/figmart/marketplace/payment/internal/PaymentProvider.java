package com.figmart.marketplace.payment.internal;

import com.figmart.marketplace.kernel.Money;

/** The payment service provider, behind which a real acquirer would sit. */
interface PaymentProvider {

	Authorization authorize(String paymentReference, Money amount, String paymentToken);

	/** The answer to an authorisation request: a code on approval, a reason on decline. */
	sealed interface Authorization {

		record Approved(String code) implements Authorization {
		}

		record Declined(String reason) implements Authorization {
		}
	}
}
