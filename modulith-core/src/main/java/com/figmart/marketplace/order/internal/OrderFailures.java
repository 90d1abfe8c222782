package com.figmart.marketplace.order.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.figmart.marketplace.kernel.MarketplaceException;
import com.figmart.marketplace.kernel.Sku;
import com.figmart.marketplace.order.OrderId;
import com.figmart.marketplace.user.CustomerId;

final class OrderFailures {

	private OrderFailures() {
	}

	static final class OrderNotFoundException extends MarketplaceException.NotFound {

		private final OrderId order;

		OrderNotFoundException(OrderId order) {
			super("No order with id " + order);
			this.order = order;
		}

		@Override
		public String problemType() {
			return "order-not-found";
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("orderId", order.toString());
		}
	}

	static final class CartNotFoundException extends MarketplaceException.NotFound {

		private final UUID cart;

		CartNotFoundException(UUID cart) {
			super("No cart with id " + cart);
			this.cart = cart;
		}

		@Override
		public String problemType() {
			return "cart-not-found";
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("cartId", cart.toString());
		}
	}

	static final class UnknownCustomerException extends MarketplaceException.Unprocessable {

		UnknownCustomerException(CustomerId customer) {
			super("No customer with id " + customer);
		}

		@Override
		public String problemType() {
			return "unknown-customer";
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("field", "customerId");
		}
	}

	/** Lines name SKUs that the catalog does not have, or does not sell any more. */
	static final class UnavailableProductsException extends MarketplaceException.Unprocessable {

		private final List<Sku> skus;

		UnavailableProductsException(List<Sku> skus) {
			super("Not for sale: " + skus);
			this.skus = List.copyOf(skus);
		}

		@Override
		public String problemType() {
			return "products-unavailable";
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("skus", skus.stream().map(Sku::value).toList());
		}
	}

	static final class MixedCurrenciesException extends MarketplaceException.Unprocessable {

		MixedCurrenciesException() {
			super("All lines of an order must be priced in one currency");
		}

		@Override
		public String problemType() {
			return "mixed-currencies";
		}
	}

	static final class IdempotencyKeyReusedException extends MarketplaceException.Unprocessable {

		IdempotencyKeyReusedException(String key) {
			super("Idempotency-Key " + key + " was used before with a different request");
		}

		@Override
		public String problemType() {
			return "idempotency-key-reused";
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("header", "Idempotency-Key");
		}
	}

	static final class OrderNotCancellableException extends MarketplaceException.Conflict {

		private final Order.Status status;

		OrderNotCancellableException(OrderId order, Order.Status status) {
			super("Order " + order + " is " + status + "; only a confirmed order that has not shipped can be cancelled");
			this.status = status;
		}

		@Override
		public String problemType() {
			return "order-not-cancellable";
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("status", status.name());
		}
	}

	static final class CartClosedException extends MarketplaceException.Conflict {

		private final @Nullable UUID order;

		CartClosedException(UUID cart, @Nullable UUID order) {
			super("Cart " + cart + " was checked out already" + (order == null ? "" : " as order " + order));
			this.order = order;
		}

		@Override
		public String problemType() {
			return "cart-closed";
		}

		@Override
		public Map<String, Object> properties() {
			return order == null ? Map.of() : Map.of("orderId", order.toString());
		}
	}

	static final class CartFullException extends MarketplaceException.Unprocessable {

		CartFullException(UUID cart, int limit) {
			super("Cart " + cart + " holds " + limit + " different items already, the most allowed");
		}

		@Override
		public String problemType() {
			return "cart-full";
		}
	}

	static final class EmptyCartException extends MarketplaceException.Unprocessable {

		EmptyCartException(UUID cart) {
			super("Cart " + cart + " is empty");
		}

		@Override
		public String problemType() {
			return "empty-cart";
		}
	}
}
