package com.figmart.marketplace.order;

import org.jmolecules.ddd.annotation.ValueObject;

import com.figmart.marketplace.kernel.Money;
import com.figmart.marketplace.kernel.Sku;

/** A line of an order as priced when the order was placed: later catalog changes do not touch it. */
@ValueObject
public record OrderLine(Sku sku, String name, String category, int quantity, Money unitPrice) {

	public Money lineTotal() {
		return unitPrice.times(quantity);
	}
}
