package com.figmart.cdc.core;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * An invertible conversion of one field's value on its way from the source to the target. The reverse
 * direction of a mapping uses {@link #reverse}, so a mapping is declared once and works both ways.
 * <p>
 * Values are what the capture delivers: {@link String}, {@link Long}, {@link Integer}, {@link Boolean},
 * {@link Double} or {@code null}. A conversion that cannot handle a value throws
 * {@link ConversionFailedException}: the change then goes to the dead letters.
 */
public sealed interface Conversion {

	Conversion IDENTITY = new Identity();

	String name();

	Object forward(Object value);

	Object reverse(Object value);

	/** The same conversion, read the other way round. */
	default Conversion inverted() {
		return new Inverted(this);
	}

	/**
	 * {@code identity}; {@code negate} (booleans: {@code active} to {@code hidden}); {@code scale:N}
	 * (a decimal amount to an integer of minor units, times 10^N: {@code 12.50} to {@code 1250}).
	 */
	static Conversion named(String name) {
		var normalized = name.trim().toLowerCase(Locale.ROOT);
		if (normalized.equals("identity")) {
			return IDENTITY;
		}
		if (normalized.equals("negate")) {
			return new Negate();
		}
		if (normalized.startsWith("scale:")) {
			return new Scale(Integer.parseInt(normalized.substring("scale:".length())));
		}
		throw new IllegalArgumentException("Unknown conversion '" + name + "' (known: identity, negate, scale:N)");
	}

	/** Why a value could not be converted. */
	final class ConversionFailedException extends RuntimeException {

		public ConversionFailedException(String message) {
			super(message);
		}
	}

	record Identity() implements Conversion {

		@Override
		public String name() {
			return "identity";
		}

		@Override
		public Object forward(Object value) {
			return value;
		}

		@Override
		public Object reverse(Object value) {
			return value;
		}
	}

	record Negate() implements Conversion {

		@Override
		public String name() {
			return "negate";
		}

		@Override
		public Object forward(Object value) {
			if (value == null) {
				return null;
			}
			if (value instanceof Boolean bool) {
				return !bool;
			}
			var text = value.toString();
			if (text.equals("true") || text.equals("false")) {
				return !Boolean.parseBoolean(text);
			}
			throw new ConversionFailedException("negate: not a boolean: " + value);
		}

		@Override
		public Object reverse(Object value) {
			return forward(value);
		}
	}

	record Scale(int digits) implements Conversion {

		@Override
		public String name() {
			return "scale:" + this.digits;
		}

		@Override
		public Object forward(Object value) {
			if (value == null) {
				return null;
			}
			try {
				return new BigDecimal(value.toString()).movePointRight(this.digits).longValueExact();
			}
			catch (ArithmeticException | NumberFormatException ex) {
				throw new ConversionFailedException(name() + ": not an amount with at most " + this.digits
						+ " decimal places: " + value);
			}
		}

		@Override
		public Object reverse(Object value) {
			if (value == null) {
				return null;
			}
			try {
				return new BigDecimal(value.toString()).movePointLeft(this.digits).setScale(this.digits);
			}
			catch (ArithmeticException | NumberFormatException ex) {
				throw new ConversionFailedException(name() + " (reverse): not an integer: " + value);
			}
		}
	}

	record Inverted(Conversion original) implements Conversion {

		@Override
		public String name() {
			return this.original.name() + " (reverse)";
		}

		@Override
		public Object forward(Object value) {
			return this.original.reverse(value);
		}

		@Override
		public Object reverse(Object value) {
			return this.original.forward(value);
		}

		@Override
		public Conversion inverted() {
			return this.original;
		}
	}
}
