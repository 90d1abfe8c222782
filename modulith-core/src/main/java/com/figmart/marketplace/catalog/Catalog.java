package com.figmart.marketplace.catalog;

import java.util.Optional;

import com.figmart.marketplace.kernel.Sku;

/** What other modules may ask of the catalog. */
public interface Catalog {

	/** The product as it is now, active or not. */
	Optional<ProductInfo> findProduct(Sku sku);

	/** Adds a product; fails when the SKU is taken. */
	ProductInfo register(Sku sku, ProductDetails details);

	long countProducts();
}
