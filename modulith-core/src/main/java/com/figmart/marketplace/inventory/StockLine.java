package com.figmart.marketplace.inventory;

import org.jmolecules.ddd.annotation.ValueObject;

import com.figmart.marketplace.kernel.Sku;

@ValueObject
public record StockLine(Sku sku, int quantity) {

	public StockLine {
		if (quantity < 1) {
			throw new IllegalArgumentException("quantity must be at least 1");
		}
	}
}
