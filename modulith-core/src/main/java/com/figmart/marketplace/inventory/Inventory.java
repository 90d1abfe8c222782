package com.figmart.marketplace.inventory;

import com.figmart.marketplace.kernel.Sku;

/** What other modules may ask of the inventory directly. */
public interface Inventory {

	StockLevel stockOf(Sku sku);

	/** Adds goods to the stock of a SKU, creating its stock item on first delivery. */
	StockLevel restock(Sku sku, int quantity);
}
