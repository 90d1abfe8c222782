package com.figmart.services.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * A product as catalog-service keeps it: a few columns that every query needs and a document with
 * the rest. {@code revision} counts the changes since it was added; a change is written only over
 * the revision it was made from, so two concurrent revisions cannot silently overwrite each other.
 */
record Product(Sku sku, String title, String description, String category, Map<String, Object> attributes,
		Price price, boolean listed, long revision, Instant createdAt, Instant updatedAt) {

	static Product register(Sku sku, ProductContent content, Instant now) {
		return new Product(sku, content.title(), content.description(), content.category(),
				content.attributes() == null ? Map.of() : content.attributes(), content.price(), content.listed(), 0,
				now, now);
	}

	Product revise(ProductContent content, Instant now) {
		return new Product(sku, content.title(), content.description(), content.category(),
				content.attributes() == null ? attributes : content.attributes(), content.price(), content.listed(),
				revision + 1, createdAt, now);
	}
}
