package com.figmart.services.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Sort;

import com.figmart.services.catalog.CatalogFailures.UnknownSortKey;

/**
 * The sort keys of the monolith's contract and the columns they stand for here. Anything else is a
 * bad request, named as such. The SKU closes every order, so pages never overlap or skip a product.
 */
final class ProductSorting {

	private static final Map<String, String> COLUMNS = Map.of("name", "title", "sku", "sku", "price", "price",
			"category", "(details ->> 'category')", "createdAt", "created_at", "updatedAt", "updated_at");
	private static final List<String> KEYS = COLUMNS.keySet().stream().sorted().toList();

	private ProductSorting() {
	}

	/** Fails on an unknown key before any query runs. */
	static void check(Sort sort) {
		sort.forEach(order -> {
			if (!COLUMNS.containsKey(order.getProperty())) {
				throw new UnknownSortKey(order.getProperty(), KEYS);
			}
		});
	}

	/**
	 * The ORDER BY list: the client's sort if it gave one, else by relevance when searching for text
	 * (the monolith orders by name then), else by name as the monolith does.
	 */
	static String orderBy(Sort sort, boolean ranked) {
		check(sort);
		var terms = new ArrayList<String>();
		if (sort.isSorted()) {
			sort.forEach(order -> {
				var column = COLUMNS.get(order.getProperty());
				terms.add((order.isIgnoreCase() ? "lower(" + column + ")" : column) + (order.isAscending() ? " asc" : " desc"));
			});
		}
		else {
			if (ranked) {
				terms.add("ts_rank(search, to_tsquery('simple', :query)) desc");
			}
			terms.add("title asc");
		}
		if (sort.getOrderFor("sku") == null) {
			terms.add("sku asc");
		}
		return String.join(", ", terms);
	}
}
