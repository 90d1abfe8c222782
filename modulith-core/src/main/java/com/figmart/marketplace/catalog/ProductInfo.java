package com.figmart.marketplace.catalog;

import com.figmart.marketplace.kernel.Money;
import com.figmart.marketplace.kernel.Sku;

/** A read-only view of a product, as other modules see it. */
public record ProductInfo(Sku sku, String name, String description, Money price, String category, boolean active) {
}
