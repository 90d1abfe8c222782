package com.figmart.strangler.gateway;

import java.net.URI;

/**
 * Who answers one request.
 *
 * @param routeId the id of the winning rule, or {@value #DEFAULT_ROUTE} when no rule matched
 * @param servedBy {@value Targets#LEGACY} or the name of the new target
 * @param uri scheme, host and port to send the request to
 */
record RouteDecision(String routeId, String servedBy, URI uri) {

	static final String DEFAULT_ROUTE = "default";

	boolean servedByLegacy() {
		return Targets.LEGACY.equals(servedBy);
	}

}
