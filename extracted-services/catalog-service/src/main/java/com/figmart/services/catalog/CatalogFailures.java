package com.figmart.services.catalog;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * The failures a client can act on, each with the status and the problem type it gets at the web edge:
 * the same types and extra members as the monolith's, so a client cannot tell the two apart.
 */
final class CatalogFailures {

	private CatalogFailures() {
	}

	abstract static sealed class CatalogFailure extends RuntimeException
			permits ProductNotFound, SkuAlreadyTaken, UnknownSortKey, RevisionMismatch {

		private final HttpStatus status;
		private final String problemType;
		private final Map<String, Object> properties;

		CatalogFailure(HttpStatus status, String problemType, String message, Map<String, Object> properties) {
			super(message);
			this.status = status;
			this.problemType = problemType;
			this.properties = Map.copyOf(properties);
		}

		HttpStatus status() {
			return status;
		}

		String problemType() {
			return problemType;
		}

		Map<String, Object> properties() {
			return properties;
		}
	}

	static final class ProductNotFound extends CatalogFailure {
		ProductNotFound(Sku sku) {
			super(HttpStatus.NOT_FOUND, "product-not-found", "No product with SKU " + sku, Map.of("sku", sku.value()));
		}
	}

	static final class SkuAlreadyTaken extends CatalogFailure {
		SkuAlreadyTaken(Sku sku) {
			super(HttpStatus.CONFLICT, "sku-taken", "A product with SKU " + sku + " exists already",
					Map.of("sku", sku.value()));
		}
	}

	static final class UnknownSortKey extends CatalogFailure {
		UnknownSortKey(String key, List<String> known) {
			super(HttpStatus.BAD_REQUEST, "invalid-parameter", "Cannot sort by '" + key + "'; sort by one of " + known,
					Map.of("parameter", "sort"));
		}
	}

	/** An {@code If-Match} naming a revision other than the current one: the client revised a stale copy. */
	static final class RevisionMismatch extends CatalogFailure {
		RevisionMismatch(Sku sku, String expected, long current) {
			super(HttpStatus.PRECONDITION_FAILED, "revision-mismatch", "Product " + sku + " is at revision " + current
					+ ", not " + expected + "; read it again and retry", Map.of("sku", sku.value(), "revision", current));
		}
	}
}
