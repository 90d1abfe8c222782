package com.figmart.marketplace.inventory;

import com.figmart.marketplace.kernel.Sku;

/** Stock of one SKU: on hand, held by reservations, and what is left to sell. */
public record StockLevel(Sku sku, int onHand, int reserved) {

	public int available() {
		return onHand - reserved;
	}
}
