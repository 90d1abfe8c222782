package com.figmart.strangler.gateway.store;

import java.util.Map;
import java.util.Objects;

/**
 * Who makes a change and why, as kept in its audit record.
 *
 * @param actor the authenticated principal, {@value #CONFIGURATION} for seeded rules, {@value #GUARD} for automatic
 *     rollbacks, {@value #ANONYMOUS} when security is off
 * @param reason why, in words; never blank
 * @param automatic whether the gateway made the change by itself
 * @param measurements the figures behind an automatic change, {@code null} for none
 */
public record Attribution(String actor, String reason, boolean automatic, Map<String, Object> measurements) {

	public static final String CONFIGURATION = "configuration";

	public static final String GUARD = "guard";

	public static final String ANONYMOUS = "anonymous";

	public Attribution {
		if (actor == null || actor.isBlank()) {
			throw new IllegalArgumentException("actor must not be blank");
		}
		if (reason == null || reason.isBlank()) {
			throw new IllegalArgumentException("reason must not be blank");
		}
		measurements = (measurements != null) ? Map.copyOf(measurements) : null;
	}

	/** A change made by a person (or a script acting for one). */
	public static Attribution by(String actor, String reason) {
		return new Attribution(actor, reason, false, null);
	}

	/** A change made by a guard on its own, with what it measured. */
	public static Attribution automatic(String reason, Map<String, Object> measurements) {
		return new Attribution(GUARD, reason, true, Objects.requireNonNullElse(measurements, Map.of()));
	}

}
