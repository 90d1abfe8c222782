package com.figmart.marketplace.order.internal;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;
import org.jmolecules.ddd.annotation.ValueObject;
import org.jspecify.annotations.Nullable;

import com.figmart.marketplace.kernel.Sku;
import com.figmart.marketplace.order.OrderId;
import com.figmart.marketplace.user.CustomerId;

/** What a customer means to buy. Once checked out it is closed and names the order it became. */
@AggregateRoot
@Entity
@Table(schema = "orders", name = "carts")
class Cart {

	static final int MAX_ITEMS = 50;

	enum Status {
		OPEN, CHECKED_OUT
	}

	@Id
	@Identity
	private UUID id;

	private UUID customerId;

	@Enumerated(EnumType.STRING)
	private Status status;

	private @Nullable UUID orderId;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(schema = "orders", name = "cart_items", joinColumns = @JoinColumn(name = "cart_id"))
	private List<Item> items = new ArrayList<>();

	private Instant createdAt;
	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	protected Cart() {
	}

	Cart(CustomerId customer, Instant now) {
		this.id = UUID.randomUUID();
		this.customerId = customer.id();
		this.status = Status.OPEN;
		this.createdAt = now;
		this.updatedAt = now;
	}

	/** Sets the quantity of a SKU in the cart. */
	void put(Sku sku, int quantity, Instant now) {
		requireOpen();
		var existing = items.stream().filter(item -> item.sku().equals(sku.value())).findFirst();
		if (existing.isEmpty() && items.size() >= MAX_ITEMS) {
			throw new OrderFailures.CartFullException(id, MAX_ITEMS);
		}
		existing.ifPresent(items::remove);
		items.add(new Item(sku.value(), quantity));
		updatedAt = now;
	}

	void remove(Sku sku, Instant now) {
		requireOpen();
		items.removeIf(item -> item.sku().equals(sku.value()));
		updatedAt = now;
	}

	void checkedOut(OrderId order, Instant now) {
		requireOpen();
		if (items.isEmpty()) {
			throw new OrderFailures.EmptyCartException(id);
		}
		status = Status.CHECKED_OUT;
		orderId = order.id();
		updatedAt = now;
	}

	private void requireOpen() {
		if (status != Status.OPEN) {
			throw new OrderFailures.CartClosedException(id, orderId);
		}
	}

	UUID id() {
		return id;
	}

	CustomerId customerId() {
		return new CustomerId(customerId);
	}

	List<Item> items() {
		return items.stream().sorted(Comparator.comparing(Item::sku)).toList();
	}

	CartView toView() {
		return new CartView(id, customerId, status.name(), items(), orderId, updatedAt);
	}

	record CartView(UUID id, UUID customerId, String status, List<Item> items, @Nullable UUID orderId,
			Instant updatedAt) {
	}

	@ValueObject
	@Embeddable
	record Item(@Column(name = "sku") String sku, @Column(name = "quantity") int quantity) {
	}
}
