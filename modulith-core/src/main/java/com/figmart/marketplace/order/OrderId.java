package com.figmart.marketplace.order;

import java.util.Objects;
import java.util.UUID;

import org.jmolecules.ddd.annotation.ValueObject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

@ValueObject
public record OrderId(@JsonValue UUID id) {

	public OrderId {
		Objects.requireNonNull(id, "id must not be null");
	}

	@JsonCreator
	public static OrderId of(UUID id) {
		return new OrderId(id);
	}

	@Override
	public String toString() {
		return id.toString();
	}
}
