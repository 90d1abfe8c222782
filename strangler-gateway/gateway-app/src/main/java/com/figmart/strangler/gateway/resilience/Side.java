package com.figmart.strangler.gateway.resilience;

/** The two sides of a rule. */
enum Side {

	LEGACY("legacy"), NEW("new");

	private final String label;

	Side(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

}
