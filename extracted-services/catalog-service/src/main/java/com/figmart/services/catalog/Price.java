package com.figmart.services.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in one currency, never negative, with exactly as many decimals as the currency has:
 * 54.90 EUR, 1 JPY. The database keeps two decimals for every currency; this is where they are
 * brought back to the currency's own.
 */
record Price(BigDecimal amount, String currency) {

	Price {
		Objects.requireNonNull(amount, "amount must not be null");
		if (amount.signum() < 0) {
			throw new IllegalArgumentException("amount must not be negative");
		}
		var digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
		try {
			amount = amount.setScale(digits, RoundingMode.UNNECESSARY);
		}
		catch (ArithmeticException e) {
			throw new IllegalArgumentException("amount must have at most " + digits + " decimals for " + currency, e);
		}
	}
}
