package com.figmart.strangler.rules;

import java.util.Locale;
import java.util.Objects;

/**
 * Who answers a request matched by a {@link RouteRule}.
 *
 * <ul>
 *   <li>{@link #LEGACY}: the legacy system answers (same as having no rule at all);</li>
 *   <li>{@link #SHADOW}: the legacy system answers, a copy of the request goes to the new target and its
 *       answer is discarded;</li>
 *   <li>{@link Canary CANARY(p)}: {@code p} percent of the sticky keys go to the new target, the rest to
 *       the legacy system (see {@link CanaryAssignment});</li>
 *   <li>{@link #NEW}: the new target answers.</li>
 * </ul>
 *
 * Callers on Java 17 branch on {@link #kind()} (a plain enum switch).
 */
public sealed interface Mode permits Mode.Legacy, Mode.Shadow, Mode.Canary, Mode.New {

	Mode LEGACY = new Legacy();
	Mode SHADOW = new Shadow();
	Mode NEW = new New();

	/** The discriminator of the mode, convenient for {@code switch}. */
	Kind kind();

	/** A canary mode sending {@code percent} (0..100) percent of sticky keys to the new target. */
	static Canary canary(int percent) {
		return new Canary(percent);
	}

	/**
	 * Parses {@code LEGACY}, {@code SHADOW}, {@code NEW} or {@code CANARY(p)} / {@code CANARY:p}
	 * (case-insensitive, surrounding blanks ignored).
	 */
	static Mode parse(String text) {
		Objects.requireNonNull(text, "mode text must not be null");
		String t = text.trim().toUpperCase(Locale.ROOT);
		switch (t) {
			case "LEGACY":
				return LEGACY;
			case "SHADOW":
				return SHADOW;
			case "NEW":
				return NEW;
			default:
				break;
		}
		String arg = null;
		if (t.startsWith("CANARY(") && t.endsWith(")")) {
			arg = t.substring("CANARY(".length(), t.length() - 1);
		}
		else if (t.startsWith("CANARY:")) {
			arg = t.substring("CANARY:".length());
		}
		if (arg == null) {
			throw new IllegalArgumentException(
					"unknown mode '" + text + "': expected LEGACY, SHADOW, NEW or CANARY(<0..100>)");
		}
		try {
			return canary(Integer.parseInt(arg.trim()));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("canary percent in '" + text + "' is not an integer", ex);
		}
	}

	enum Kind {
		LEGACY, SHADOW, CANARY, NEW
	}

	record Legacy() implements Mode {
		@Override
		public Kind kind() {
			return Kind.LEGACY;
		}

		@Override
		public String toString() {
			return "LEGACY";
		}
	}

	record Shadow() implements Mode {
		@Override
		public Kind kind() {
			return Kind.SHADOW;
		}

		@Override
		public String toString() {
			return "SHADOW";
		}
	}

	record New() implements Mode {
		@Override
		public Kind kind() {
			return Kind.NEW;
		}

		@Override
		public String toString() {
			return "NEW";
		}
	}

	/** Canary with the share of sticky keys, in percent (0..100), routed to the new target. */
	record Canary(int percent) implements Mode {
		public Canary {
			if (percent < 0 || percent > 100) {
				throw new IllegalArgumentException("canary percent must be between 0 and 100, was " + percent);
			}
		}

		@Override
		public Kind kind() {
			return Kind.CANARY;
		}

		@Override
		public String toString() {
			return "CANARY(" + percent + ")";
		}
	}
}
