package com.figmart.marketplace.kernel;

import java.util.Map;

/**
 * A failure the client can act on. Each module names its failures as subclasses of one of the
 * categories below; the web edge turns them into RFC 9457 problem details with the status of the
 * category, a type URI ending in {@link #problemType()}, and the {@link #properties()} as members.
 */
public abstract sealed class MarketplaceException extends RuntimeException {

	private final String problemType;
	private final Map<String, Object> properties;

	private MarketplaceException(String problemType, String message, Map<String, Object> properties) {
		super(message);
		this.problemType = problemType;
		this.properties = Map.copyOf(properties);
	}

	/** The last segment of the problem type URI, for example {@code product-not-found}. */
	public final String problemType() {
		return problemType;
	}

	/** Extra members of the problem body, for example the SKU that was not found. */
	public final Map<String, Object> properties() {
		return properties;
	}

	/** The request itself is malformed in a way only the module can tell, such as an unknown sort key: 400. */
	public abstract static non-sealed class InvalidRequest extends MarketplaceException {
		protected InvalidRequest(String problemType, String message, Map<String, Object> properties) {
			super(problemType, message, properties);
		}
	}

	/** Something the request names does not exist: 404. */
	public abstract static non-sealed class NotFound extends MarketplaceException {
		protected NotFound(String problemType, String message, Map<String, Object> properties) {
			super(problemType, message, properties);
		}
	}

	/** The request conflicts with the current state of a resource: 409. */
	public abstract static non-sealed class Conflict extends MarketplaceException {
		protected Conflict(String problemType, String message, Map<String, Object> properties) {
			super(problemType, message, properties);
		}
	}

	/** The request is well-formed but breaks a business rule: 422. */
	public abstract static non-sealed class Unprocessable extends MarketplaceException {
		protected Unprocessable(String problemType, String message, Map<String, Object> properties) {
			super(problemType, message, properties);
		}
	}
}
