package com.figmart.marketplace.order.internal;

import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.figmart.marketplace.kernel.Sku;
import com.figmart.marketplace.order.internal.Cart.CartView;
import com.figmart.marketplace.order.internal.OrderFailures.CartNotFoundException;
import com.figmart.marketplace.order.internal.OrderFailures.UnavailableProductsException;
import com.figmart.marketplace.order.internal.OrderFailures.UnknownCustomerException;
import com.figmart.marketplace.catalog.Catalog;
import com.figmart.marketplace.catalog.ProductInfo;
import com.figmart.marketplace.user.CustomerDirectory;
import com.figmart.marketplace.user.CustomerId;

@Service
@Transactional
class CartManagement {

	private final Carts carts;
	private final Catalog catalog;
	private final CustomerDirectory customers;
	private final Clock clock;

	CartManagement(Carts carts, Catalog catalog, CustomerDirectory customers, Clock clock) {
		this.carts = carts;
		this.catalog = catalog;
		this.customers = customers;
		this.clock = clock;
	}

	CartView open(UUID customerId) {
		var customer = CustomerId.of(customerId);
		if (!customers.exists(customer)) {
			throw new UnknownCustomerException(customer);
		}
		return carts.save(new Cart(customer, clock.instant())).toView();
	}

	CartView put(UUID cartId, Sku sku, int quantity) {
		if (catalog.findProduct(sku).filter(ProductInfo::active).isEmpty()) {
			throw new UnavailableProductsException(java.util.List.of(sku));
		}
		var cart = find(cartId);
		cart.put(sku, quantity, clock.instant());
		return carts.save(cart).toView();
	}

	CartView remove(UUID cartId, Sku sku) {
		var cart = find(cartId);
		cart.remove(sku, clock.instant());
		return carts.save(cart).toView();
	}

	@Transactional(readOnly = true)
	CartView get(UUID cartId) {
		return find(cartId).toView();
	}

	private Cart find(UUID cartId) {
		return carts.findById(cartId).orElseThrow(() -> new CartNotFoundException(cartId));
	}
}
