package com.figmart.services.catalog;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What an administrator sets when adding or revising a product. {@code attributes} are free-form
 * (colour, size, pages...); {@code null} means "leave them as they are" on a revision, so clients of
 * the monolith's contract, which knows no attributes, never wipe them.
 */
record ProductContent(String title, String description, Price price, String category, boolean listed,
		@Nullable Map<String, Object> attributes) {

	ProductContent {
		Objects.requireNonNull(title, "title must not be null");
		Objects.requireNonNull(price, "price must not be null");
		Objects.requireNonNull(category, "category must not be null");
		description = description == null ? "" : description;
		attributes = attributes == null ? null : Map.copyOf(attributes);
	}
}
