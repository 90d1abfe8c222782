package com.figmart.cdc.core;

import java.util.Objects;

/** One field of a {@link TableMapping}: where it is read, where it is written, and how it is converted. */
public record FieldMapping(FieldPath source, FieldPath target, Conversion conversion) {

	public FieldMapping {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(target, "target");
		conversion = (conversion != null) ? conversion : Conversion.IDENTITY;
	}

	public FieldMapping reversed() {
		return new FieldMapping(this.target, this.source, this.conversion.inverted());
	}
}
