package com.figmart.marketplace.user;

import java.util.UUID;

import org.jmolecules.ddd.annotation.ValueObject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

@ValueObject
public record CustomerId(@JsonValue UUID id) {

	public CustomerId {
		java.util.Objects.requireNonNull(id, "id must not be null");
	}

	@JsonCreator
	public static CustomerId of(UUID id) {
		return new CustomerId(id);
	}

	public static CustomerId of(String id) {
		return new CustomerId(UUID.fromString(id));
	}

	@Override
	public String toString() {
		return id.toString();
	}
}
