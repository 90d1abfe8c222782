package com.figmart.marketplace.payment.internal;

import java.math.BigDecimal;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Decline rules of the built-in payment provider.
 *
 * @param declinedTokens payment tokens that are always declined, as a test card number would be
 * @param amountLimit amounts above this are declined, in any currency
 */
@ConfigurationProperties("figmart.payment.provider")
record PaymentProperties(@DefaultValue({ "tok_declined", "tok_insufficient_funds" }) Set<String> declinedTokens,
		@DefaultValue("10000") BigDecimal amountLimit) {
}
