package com.figmart.marketplace.shipping.internal;

import org.jmolecules.ddd.annotation.ValueObject;

/**
 * "FM" followed by ten digits and a check digit (Luhn), so a mistyped number is caught before a
 * lookup.
 */
@ValueObject
record TrackingNumber(String value) {

	static TrackingNumber fromSequence(long sequence) {
		var digits = String.format("%010d", sequence);
		return new TrackingNumber("FM" + digits + checkDigit(digits));
	}

	static boolean isValid(String candidate) {
		return candidate.matches("FM\\d{11}")
				&& checkDigit(candidate.substring(2, 12)) == candidate.charAt(12) - '0';
	}

	private static int checkDigit(String digits) {
		int sum = 0;
		for (int i = 0; i < digits.length(); i++) {
			int digit = digits.charAt(digits.length() - 1 - i) - '0';
			if (i % 2 == 0) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
		}
		return (10 - sum % 10) % 10;
	}
}
