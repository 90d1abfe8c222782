package com.figmart.strangler.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Routing settings under {@code figmart.gateway}.
 *
 * <p>They are only read at start: the rules seed the rule store on the gateway's very first start (an empty
 * store), which is the source of truth afterwards (changes are made through the admin API, not to these
 * properties).
 *
 * @param legacyUri where the monolith answers; every request without a rule, or with a rule that keeps it
 *     on the legacy side, goes there
 * @param targets the new destinations by name, e.g. {@code catalog-service -> http://127.0.0.1:9001}; rules
 *     refer to these names, never to URIs, so that moving a service only touches one line
 * @param rules the initial routing rules
 * @param sessionCookie the cookie used as the sticky canary key when a request has no customer id
 */
@ConfigurationProperties("figmart.gateway")
record GatewayRoutingProperties(@DefaultValue("http://127.0.0.1:8081") URI legacyUri, Map<String, URI> targets,
		List<Rule> rules, @DefaultValue("JSESSIONID") String sessionCookie) {

	GatewayRoutingProperties {
		targets = (targets != null) ? Map.copyOf(targets) : Map.of();
		rules = (rules != null) ? List.copyOf(rules) : List.of();
	}

	/**
	 * One rule as written in the configuration.
	 *
	 * @param id unique rule id (shown in {@code X-Figmart-Route})
	 * @param methods HTTP methods; empty means any method
	 * @param pattern path pattern of the rule engine, e.g. {@code /api/catalog/**}
	 * @param mode {@code LEGACY}, {@code SHADOW}, {@code NEW} or {@code CANARY(p)}
	 * @param target name of an entry of {@code figmart.gateway.targets}
	 * @param timeout see {@link RulePolicy#timeout()}
	 * @param fallbackToLegacy see {@link RulePolicy#fallbackToLegacy()}; true when not set
	 * @param shadow see {@link RulePolicy#shadow()}
	 * @param guard see {@link RulePolicy#guard()}
	 */
	record Rule(String id, List<String> methods, String pattern, String mode, String target, Duration timeout,
			Boolean fallbackToLegacy, RulePolicy.Shadow shadow, RulePolicy.Guard guard) {

		Rule {
			methods = (methods != null) ? List.copyOf(methods) : List.of();
		}

		RulePolicy policy() {
			return new RulePolicy(timeout, (fallbackToLegacy != null) ? fallbackToLegacy : true, shadow, guard);
		}

	}

}
