package com.figmart.strangler.gateway;

import java.util.Locale;

/**
 * The side requested with the {@code X-Figmart-Target} header, overriding the rule's mode.
 */
enum ForcedSide {

	/** No override: the rule decides. */
	NONE,

	/** The monolith answers, whatever the rule says. */
	LEGACY,

	/** The rule's new target answers; without a matching rule there is no new side and the monolith answers. */
	NEW;

	static final String HEADER = "X-Figmart-Target";

	/**
	 * Parses the header value ({@code legacy} or {@code new}, case-insensitive; absent or blank means none).
	 *
	 * @throws IllegalArgumentException for any other value, so a typo is not mistaken for "no override"
	 */
	static ForcedSide parse(String value) {
		if (value == null || value.isBlank()) {
			return NONE;
		}
		switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "legacy":
				return LEGACY;
			case "new":
				return NEW;
			default:
				throw new IllegalArgumentException(HEADER + " must be 'legacy' or 'new', was '" + value + "'");
		}
	}

}
