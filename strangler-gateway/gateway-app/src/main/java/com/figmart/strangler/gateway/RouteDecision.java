package com.figmart.strangler.gateway;

import java.net.URI;

import com.figmart.strangler.rules.Mode;

import org.springframework.web.server.ServerWebExchange;

/**
 * Who answers one request, as decided by {@link StranglerRoutingFilter} and stored in the exchange under
 * {@link #ATTRIBUTE} for the filters that follow (resilience, shadow, access log).
 *
 * @param routeId the id of the winning rule, or {@value #DEFAULT_ROUTE} when no rule matched
 * @param mode the mode of the winning rule ({@code LEGACY} when no rule matched)
 * @param servedBy {@value Targets#LEGACY} or the name of the new target
 * @param uri scheme, host and port to send the request to
 * @param newTarget the name of the rule's new target, or {@code null} when no rule matched
 * @param newTargetUri where the rule's new target answers, or {@code null} when it is unknown here
 * @param policy the rule's policy ({@link RulePolicy#DEFAULTS} when no rule matched)
 * @param forced whether the {@code X-Figmart-Target} header chose the side
 */
public record RouteDecision(String routeId, Mode mode, String servedBy, URI uri, String newTarget, URI newTargetUri,
		RulePolicy policy, boolean forced) {

	/** The exchange attribute holding the decision. */
	public static final String ATTRIBUTE = RouteDecision.class.getName();

	public static final String DEFAULT_ROUTE = "default";

	public boolean servedByLegacy() {
		return Targets.LEGACY.equals(servedBy);
	}

	/** True when a rule matched. */
	public boolean matchedRule() {
		return newTarget != null;
	}

	/** The decision stored in the exchange, or {@code null} if the request was not routed by the rules. */
	public static RouteDecision of(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

	/** The same decision with the monolith answering, e.g. for a fallback. */
	public RouteDecision toLegacy(URI legacyUri) {
		return new RouteDecision(routeId, mode, Targets.LEGACY, legacyUri, newTarget, newTargetUri, policy, forced);
	}

}
