package com.figmart.marketplace.catalog.internal;

import java.util.Map;

import com.figmart.marketplace.kernel.MarketplaceException;
import com.figmart.marketplace.kernel.Sku;

final class CatalogFailures {

	private CatalogFailures() {
	}

	static final class ProductNotFoundException extends MarketplaceException.NotFound {
		ProductNotFoundException(Sku sku) {
			super("product-not-found", "No product with SKU " + sku, Map.of("sku", sku.value()));
		}
	}

	static final class SkuAlreadyTakenException extends MarketplaceException.Conflict {
		SkuAlreadyTakenException(Sku sku) {
			super("sku-taken", "A product with SKU " + sku + " exists already", Map.of("sku", sku.value()));
		}
	}
}
