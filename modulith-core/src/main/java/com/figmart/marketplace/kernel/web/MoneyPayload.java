package com.figmart.marketplace.kernel.web;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import java.math.BigDecimal;
import java.util.Currency;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.figmart.marketplace.kernel.Money;

/** Money as clients send it: validated field by field, so a bad price names the field at fault. */
public record MoneyPayload(
		@NotNull @PositiveOrZero @Digits(integer = 12, fraction = 2) @Nullable BigDecimal amount,
		@NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") @Nullable String currency) {

	@JsonIgnore
	@AssertTrue(message = "must be a known ISO 4217 currency whose decimals the amount respects")
	public boolean isValidForCurrency() {
		if (amount == null || currency == null || !currency.matches("[A-Z]{3}")) {
			return true; // reported by the field constraints
		}
		try {
			var known = Currency.getInstance(currency);
			return amount.stripTrailingZeros().scale() <= Math.max(0, known.getDefaultFractionDigits());
		}
		catch (IllegalArgumentException unknown) {
			return false;
		}
	}

	public Money toMoney() {
		return new Money(java.util.Objects.requireNonNull(amount), Currency.getInstance(currency));
	}
}
