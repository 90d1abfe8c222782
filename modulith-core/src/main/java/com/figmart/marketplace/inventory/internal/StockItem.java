package com.figmart.marketplace.inventory.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import com.figmart.marketplace.inventory.StockLevel;
import com.figmart.marketplace.kernel.Sku;

/** The stock of one SKU. Invariant: 0 &lt;= reserved &lt;= onHand. */
@AggregateRoot
@Entity
@Table(schema = "inventory", name = "stock_items")
class StockItem {

	@Id
	@Identity
	private String sku;

	private int onHand;
	private int reserved;

	@Version
	private @Nullable Long version;

	protected StockItem() {
	}

	StockItem(Sku sku) {
		this.sku = sku.value();
	}

	boolean canReserve(int quantity) {
		return available() >= quantity;
	}

	void reserve(int quantity) {
		if (!canReserve(quantity)) {
			throw new IllegalStateException("Cannot reserve " + quantity + " of " + sku + ", " + available() + " left");
		}
		reserved += quantity;
	}

	void release(int quantity) {
		reserved = Math.max(0, reserved - quantity);
	}

	/** Held stock leaves: it is no longer on hand, nor reserved. */
	void commit(int quantity) {
		if (quantity > reserved) {
			throw new IllegalStateException("Cannot commit " + quantity + " of " + sku + ", only " + reserved + " held");
		}
		reserved -= quantity;
		onHand -= quantity;
	}

	void restock(int quantity) {
		if (quantity < 1) {
			throw new IllegalArgumentException("quantity must be at least 1");
		}
		onHand = Math.addExact(onHand, quantity);
	}

	int available() {
		return onHand - reserved;
	}

	Sku sku() {
		return Sku.of(sku);
	}

	StockLevel toLevel() {
		return new StockLevel(sku(), onHand, reserved);
	}
}
