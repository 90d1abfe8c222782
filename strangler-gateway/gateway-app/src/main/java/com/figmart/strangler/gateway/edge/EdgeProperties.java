package com.figmart.strangler.gateway.edge;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Edge settings under {@code figmart.gateway} (next to the routing settings of the same prefix).
 *
 * @param maxRequestSize the largest request body accepted; larger ones get 413, whether announced by
 *     {@code Content-Length} or found while reading a chunked body
 * @param security who may call what
 * @param rateLimit the token bucket per client
 * @param accessLog the JSON access log
 */
@ConfigurationProperties("figmart.gateway")
record EdgeProperties(@DefaultValue("1MB") DataSize maxRequestSize, @DefaultValue Security security,
		@DefaultValue RateLimit rateLimit, @DefaultValue AccessLog accessLog) {

	EdgeProperties {
		if (maxRequestSize.toBytes() < 0 || maxRequestSize.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalStateException(
					"figmart.gateway.max-request-size must be between 0 and 2GB, was " + maxRequestSize);
		}
	}

	/**
	 * Security settings.
	 *
	 * @param enabled false opens everything: for local experiments only, never in front of real traffic
	 * @param localKeyFile the HS256 key of locally minted tokens (one line, base64 of 32 bytes), created with a
	 *     random key on first start; unused when {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
	 *     is set
	 * @param rolesClaim the claim holding the roles: a list or a space-separated string; a dotted path
	 *     ({@code realm_access.roles}) reaches into nested objects
	 * @param customerPaths path patterns (any method) that need the role {@code customer} or {@code admin}
	 * @param forcedTargetRequiresAdmin whether the {@code X-Figmart-Target} header needs the role {@code admin};
	 *     false lets anyone choose the side (tests, a trusted network)
	 */
	record Security(@DefaultValue("true") boolean enabled,
			@DefaultValue("data/strangler-gateway/jwt-hs256.key") Path localKeyFile,
			@DefaultValue("roles") String rolesClaim,
			@DefaultValue({ "/api/orders/**", "/api/carts/**", "/api/payments/**" }) List<String> customerPaths,
			@DefaultValue("true") boolean forcedTargetRequiresAdmin) {

		Security {
			customerPaths = List.copyOf(customerPaths);
		}

	}

	/**
	 * Rate limit settings: a token bucket per client (the token's subject, else the remote address).
	 *
	 * @param enabled false turns the limit off (benchmarks)
	 * @param capacity the burst a client may send at once
	 * @param refillPerSecond the sustained rate per client
	 * @param maxClients the most clients tracked at once; the least recently seen are forgotten first (they
	 *     start again with a full bucket)
	 */
	record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("200") int capacity,
			@DefaultValue("100") double refillPerSecond, @DefaultValue("100000") int maxClients) {

		RateLimit {
			if (capacity < 1) {
				throw new IllegalStateException("figmart.gateway.rate-limit.capacity must be at least 1, was " + capacity);
			}
			if (!(refillPerSecond > 0)) {
				throw new IllegalStateException(
						"figmart.gateway.rate-limit.refill-per-second must be positive, was " + refillPerSecond);
			}
			if (maxClients < 1) {
				throw new IllegalStateException(
						"figmart.gateway.rate-limit.max-clients must be at least 1, was " + maxClients);
			}
		}

	}

	/**
	 * Access log settings.
	 *
	 * @param enabled whether a JSON line per request goes to the logger {@code figmart.access}
	 */
	record AccessLog(@DefaultValue("true") boolean enabled) {
	}

}
