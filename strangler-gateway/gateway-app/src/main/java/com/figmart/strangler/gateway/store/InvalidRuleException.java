package com.figmart.strangler.gateway.store;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule document (or a change request) is not valid; every problem is named by its field, e.g.
 * {@code policy.guard.maxErrorRate} or {@code methods[1]}.
 */
public class InvalidRuleException extends RuntimeException {

	private final List<FieldError> errors;

	public InvalidRuleException(List<FieldError> errors) {
		super(errors.stream().map((e) -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
		if (errors.isEmpty()) {
			throw new IllegalArgumentException("an invalid rule needs at least one error");
		}
		this.errors = List.copyOf(errors);
	}

	public InvalidRuleException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	public List<FieldError> errors() {
		return errors;
	}

	/** One problem: the field (a JSON path without the leading {@code $.}) and what is wrong with it. */
	public record FieldError(String field, String message) {
	}

}
