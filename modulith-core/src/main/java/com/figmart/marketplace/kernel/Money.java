package com.figmart.marketplace.kernel;

import jakarta.persistence.Embeddable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

import org.jmolecules.ddd.annotation.ValueObject;

/**
 * An amount of one currency, never negative, with exactly as many decimals as the currency has.
 */
@ValueObject
@Embeddable
public record Money(BigDecimal amount, Currency currency) {

	public Money {
		Objects.requireNonNull(amount, "amount must not be null");
		Objects.requireNonNull(currency, "currency must not be null");
		if (amount.signum() < 0) {
			throw new IllegalArgumentException("amount must not be negative");
		}
		try {
			amount = amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
		}
		catch (ArithmeticException e) {
			throw new IllegalArgumentException("amount must have at most " + currency.getDefaultFractionDigits()
					+ " decimals for " + currency.getCurrencyCode(), e);
		}
	}

	public static Money of(String amount, String currency) {
		return new Money(new BigDecimal(amount), Currency.getInstance(currency));
	}

	public Money times(int factor) {
		return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
	}

	public Money plus(Money other) {
		if (!currency.equals(other.currency)) {
			throw new IllegalArgumentException(
					"Cannot add " + other.currency.getCurrencyCode() + " to " + currency.getCurrencyCode());
		}
		return new Money(amount.add(other.amount), currency);
	}

	@Override
	public String toString() {
		return amount.toPlainString() + " " + currency.getCurrencyCode();
	}
}
