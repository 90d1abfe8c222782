package com.figmart.marketplace.catalog.internal;

import java.util.Map;

import com.figmart.marketplace.kernel.MarketplaceException;
import com.figmart.marketplace.kernel.Sku;

final class CatalogFailures {

	private CatalogFailures() {
	}

	static final class ProductNotFoundException extends MarketplaceException.NotFound {

		private final Sku sku;

		ProductNotFoundException(Sku sku) {
			super("No product with SKU " + sku);
			this.sku = sku;
		}

		@Override
		public String problemType() {
			return "product-not-found";
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("sku", sku.value());
		}
	}

	static final class SkuAlreadyTakenException extends MarketplaceException.Conflict {

		private final Sku sku;

		SkuAlreadyTakenException(Sku sku) {
			super("A product with SKU " + sku + " exists already");
			this.sku = sku;
		}

		@Override
		public String problemType() {
			return "sku-taken";
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("sku", sku.value());
		}
	}
}
