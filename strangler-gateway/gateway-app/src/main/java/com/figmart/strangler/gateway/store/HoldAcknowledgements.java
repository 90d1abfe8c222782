package com.figmart.strangler.gateway.store;

/**
 * What the gateway instances say about one write hold.
 *
 * @param instances the live instances
 * @param drained how many of them have applied the hold and have no unsafe request of the rule under way from
 *     before it
 */
public record HoldAcknowledgements(int instances, int drained) {

	/** Every live instance holds the rule's writes and has none under way. */
	public boolean complete() {
		return instances > 0 && drained >= instances;
	}

}
