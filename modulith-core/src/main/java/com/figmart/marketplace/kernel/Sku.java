package com.figmart.marketplace.kernel;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jmolecules.ddd.annotation.ValueObject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A stock keeping unit: the identity of a product that catalog, inventory, order and analytics share.
 * Upper case letters, digits and dashes, 3 to 32 characters.
 */
@ValueObject
public record Sku(String value) {

	public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9-]{2,31}";
	private static final Pattern VALID = Pattern.compile(PATTERN);

	public Sku {
		if (value == null || !VALID.matcher(value).matches()) {
			throw new IllegalArgumentException("SKU must be 3 to 32 letters, digits or dashes: " + value);
		}
		value = value.toUpperCase(Locale.ROOT);
	}

	@JsonCreator
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
