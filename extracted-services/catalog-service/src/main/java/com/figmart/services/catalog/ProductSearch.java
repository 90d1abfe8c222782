package com.figmart.services.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A search as a client asks for it; {@code null} filters match everything.
 * <p>
 * The text becomes a full-text query: every word of it must be the start of a word of the
 * product's title, category or description ({@code fig mug} finds "Fig mug" and "Figmart mug",
 * in any order). The monolith instead looks for the text as one substring of name or description
 * ({@code ig} finds "Design"); see the README for where the two differ.
 */
record ProductSearch(@Nullable String text, @Nullable String category, @Nullable Boolean listed) {

	boolean hasText() {
		return text != null && !text.isBlank();
	}

	/**
	 * The text as a {@code to_tsquery('simple', ...)} expression of prefix terms joined by AND, or
	 * empty when it holds no letters or digits at all (then nothing can match). Only letters and
	 * digits reach the query, so no input can break its syntax.
	 */
	Optional<String> fullTextQuery() {
		if (!hasText()) {
			return Optional.empty();
		}
		var terms = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
				.filter(word -> !word.isEmpty())
				.map(word -> word + ":*")
				.collect(Collectors.joining(" & "));
		return terms.isEmpty() ? Optional.empty() : Optional.of(terms);
	}
}
