package com.figmart.services.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonValue;

/** A stock keeping unit: 3 to 32 letters, digits or dashes, kept in upper case. */
record Sku(String value) {

	static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9-]{2,31}";
	private static final Pattern VALID = Pattern.compile(PATTERN);

	Sku {
		if (value == null || !VALID.matcher(value).matches()) {
			throw new IllegalArgumentException("SKU must be 3 to 32 letters, digits or dashes: " + value);
		}
		value = value.toUpperCase(Locale.ROOT);
	}

	/** Public: Spring MVC converts path variables with it, and finds only public factory methods. */
	public static Sku of(String value) {
		return new Sku(value);
	}

	@JsonValue
	@Override
	public String value() {
		return value;
	}

	@Override
	public String toString() {
		return value;
	}
}
