package com.figmart.marketplace.user.internal;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jmolecules.ddd.annotation.ValueObject;

/** An e-mail address, compared without regard to case. */
@ValueObject
record EmailAddress(String value) {

	private static final Pattern PLAUSIBLE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	EmailAddress {
		if (value == null || value.length() > 254 || !PLAUSIBLE.matcher(value).matches()) {
			throw new IllegalArgumentException("not a valid e-mail address: " + value);
		}
		value = value.trim().toLowerCase(Locale.ROOT);
	}
}
