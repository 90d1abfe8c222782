package com.figmart.strangler.gateway;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The validated destinations: the legacy monolith and the new targets by name.
 *
 * <p>A target URI only names a scheme, a host and a port ({@code http}, {@code https}, or {@code lb} for a
 * load-balanced service id later): the path and query of the incoming request are forwarded unchanged, so a
 * base path in a target URI would be silently ignored and is rejected instead.
 *
 * <p>Public so that the rule store and the admin API can refuse a rule naming a target this gateway does
 * not know.
 */
public record Targets(URI legacy, Map<String, URI> named) {

	/** The value of {@code X-Figmart-Served-By} when the monolith answers; reserved as a target name. */
	static final String LEGACY = "legacy";

	private static final Set<String> SCHEMES = Set.of("http", "https", "lb");

	public Targets {
		check("figmart.gateway.legacy-uri", legacy);
		for (Map.Entry<String, URI> entry : named.entrySet()) {
			if (LEGACY.equalsIgnoreCase(entry.getKey())) {
				throw new IllegalStateException("figmart.gateway.targets: the name '" + entry.getKey()
						+ "' is reserved for the monolith (figmart.gateway.legacy-uri)");
			}
			check("figmart.gateway.targets." + entry.getKey(), entry.getValue());
		}
		named = Map.copyOf(named);
	}

	static Targets from(GatewayRoutingProperties properties) {
		return new Targets(properties.legacyUri(), properties.targets());
	}

	/** The URI of a named target, or {@code null} if there is no such target. */
	public URI uriOf(String name) {
		return named.get(name);
	}

	public boolean contains(String name) {
		return named.containsKey(name);
	}

	/** The target names, sorted, for error messages. */
	public Set<String> names() {
		return new TreeMap<>(named).keySet();
	}

	private static void check(String property, URI uri) {
		if (uri == null) {
			throw new IllegalStateException(property + " must be set");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (scheme == null || !SCHEMES.contains(scheme)) {
			throw new IllegalStateException(property + " = '" + uri + "' must use one of the schemes " + SCHEMES);
		}
		if (uri.getHost() == null) {
			throw new IllegalStateException(property + " = '" + uri + "' has no host");
		}
		boolean hasPath = uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath());
		if (hasPath || uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalStateException(property + " = '" + uri
					+ "' must only name scheme, host and port: the request path and query are forwarded as they are");
		}
	}

}
