package com.figmart.marketplace.catalog.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.figmart.marketplace.catalog.Catalog;
import com.figmart.marketplace.catalog.ProductDetails;
import com.figmart.marketplace.catalog.ProductInfo;
import com.figmart.marketplace.catalog.internal.CatalogFailures.ProductNotFoundException;
import com.figmart.marketplace.catalog.internal.CatalogFailures.SkuAlreadyTakenException;
import com.figmart.marketplace.kernel.Sku;

@Service
@Transactional(readOnly = true)
class ProductCatalog implements Catalog {

	private final Products products;
	private final Clock clock;

	ProductCatalog(Products products, Clock clock) {
		this.products = products;
		this.clock = clock;
	}

	@Override
	public Optional<ProductInfo> findProduct(Sku sku) {
		return products.findById(sku.value()).map(Product::toInfo);
	}

	@Override
	@Transactional
	public ProductInfo register(Sku sku, ProductDetails details) {
		if (products.existsById(sku.value())) {
			throw new SkuAlreadyTakenException(sku);
		}
		return products.save(new Product(sku, details, clock.instant())).toInfo();
	}

	@Override
	public long countProducts() {
		return products.count();
	}

	@Transactional
	ProductInfo revise(Sku sku, ProductDetails details) {
		var product = products.findById(sku.value()).orElseThrow(() -> new ProductNotFoundException(sku));
		product.revise(details, clock.instant());
		return product.toInfo();
	}

	ProductInfo get(Sku sku) {
		return findProduct(sku).orElseThrow(() -> new ProductNotFoundException(sku));
	}

	Page<ProductInfo> search(@Nullable String text, @Nullable String category, @Nullable Boolean active,
			Pageable pageable) {
		var pattern = text == null || text.isBlank() ? null
				: "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return products.search(pattern, category, active, pageable).map(Product::toInfo);
	}

	List<CategorySummary> categories() {
		return products.categories();
	}
}
