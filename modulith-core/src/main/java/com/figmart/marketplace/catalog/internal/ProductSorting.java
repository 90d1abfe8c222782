package com.figmart.marketplace.catalog.internal;

import java.util.Map;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

import com.figmart.marketplace.kernel.MarketplaceException;

/**
 * The sort keys clients may use, and the product attributes they stand for. Anything else is a bad
 * request, named as such, rather than a query that fails deep inside.
 */
final class ProductSorting {

	private static final Map<String, String> KEYS = Map.of("name", "name", "sku", "sku", "price", "price.amount",
			"category", "category", "createdAt", "createdAt", "updatedAt", "updatedAt");

	private ProductSorting() {
	}

	static Pageable translate(Pageable pageable) {
		var orders = pageable.getSort().stream().map(order -> {
			var property = KEYS.get(order.getProperty());
			if (property == null) {
				throw new UnknownSortKeyException(order.getProperty());
			}
			return order.withProperty(property);
		}).toList();
		return PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(), Sort.by(orders));
	}

	static final class UnknownSortKeyException extends MarketplaceException.InvalidRequest {
		UnknownSortKeyException(String key) {
			super("invalid-parameter", "Cannot sort by '" + key + "'; sort by one of " + KEYS.keySet().stream().sorted().toList(),
					Map.of("parameter", "sort"));
		}
	}
}
