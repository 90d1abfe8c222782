package com.figmart.marketplace.catalog;

import java.util.Objects;
import java.util.regex.Pattern;

import org.jmolecules.ddd.annotation.ValueObject;

import com.figmart.marketplace.kernel.Money;

/** Everything about a product but its SKU: what an administrator sets when adding or revising it. */
@ValueObject
public record ProductDetails(String name, String description, Money price, String category, boolean active) {

	public static final String CATEGORY_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";
	private static final Pattern CATEGORY = Pattern.compile(CATEGORY_PATTERN);

	public ProductDetails {
		Objects.requireNonNull(price, "price must not be null");
		if (name == null || name.isBlank() || name.length() > 200) {
			throw new IllegalArgumentException("name must have 1 to 200 characters");
		}
		description = description == null ? "" : description;
		if (description.length() > 2000) {
			throw new IllegalArgumentException("description must have at most 2000 characters");
		}
		if (category == null || !CATEGORY.matcher(category).matches()) {
			throw new IllegalArgumentException("category must be a lower-case slug such as 'home-garden'");
		}
	}
}
