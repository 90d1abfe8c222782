package com.figmart.services.catalog;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.figmart.services.catalog.CatalogFailures.ProductNotFound;
import com.figmart.services.catalog.CatalogFailures.RevisionMismatch;

@Service
@Transactional(readOnly = true)
class ProductCatalog {

	private final Products products;
	private final Clock clock;

	ProductCatalog(Products products, Clock clock) {
		this.products = products;
		this.clock = clock;
	}

	@Transactional
	Product register(Sku sku, ProductContent content) {
		var product = Product.register(sku, content, clock.instant());
		products.add(product);
		return product;
	}

	/**
	 * Revises the product; with an expected revision (from {@code If-Match}) only if it is still at
	 * that revision. Without one, a concurrent revision between our read and our write still fails.
	 */
	@Transactional
	Product revise(Sku sku, ProductContent content, @Nullable String expectedRevision) {
		var current = get(sku);
		if (expectedRevision != null && !expectedRevision.equals(Long.toString(current.revision()))) {
			throw new RevisionMismatch(sku, expectedRevision, current.revision());
		}
		var revised = current.revise(content, clock.instant());
		products.update(revised);
		return revised;
	}

	Product get(Sku sku) {
		return products.find(sku).orElseThrow(() -> new ProductNotFound(sku));
	}

	Page<Product> search(ProductSearch search, Pageable pageable) {
		ProductSorting.check(pageable.getSort());
		return products.search(search, pageable);
	}

	List<CategorySummary> categories() {
		return products.categories();
	}
}
