package com.figmart.strangler.gateway.shadow;

/** Why a shadow request was not compared; the names are the keys of {@link ShadowSummary#ignoredBy()}. */
enum IgnoreReason {

	/** A method other than GET, HEAD or OPTIONS on a rule that does not allow mirroring it. */
	UNSAFE_METHOD("unsafe-method"),

	/** The request body was larger than {@code figmart.gateway.shadow.max-body-size}. */
	REQUEST_TOO_LARGE("request-too-large"),

	/** A response body (either side) was larger than {@code figmart.gateway.shadow.max-body-size}. */
	RESPONSE_TOO_LARGE("response-too-large"),

	/** The monolith's answer did not arrive whole (error, or the client went away), so there is no reference. */
	LEGACY_INCOMPLETE("legacy-incomplete"),

	/** The new target's URL has a scheme the shadow client cannot call (neither http, https nor lb). */
	UNSUPPORTED_TARGET("unsupported-target"),

	/** The new target is {@code lb://name} and the discovery client knows no instance of {@code name}. */
	NO_INSTANCE("no-instance");

	private final String key;

	IgnoreReason(String key) {
		this.key = key;
	}

	String key() {
		return this.key;
	}

}
