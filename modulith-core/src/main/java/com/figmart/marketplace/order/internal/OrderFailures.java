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
		OrderNotFoundException(OrderId order) {
			super("order-not-found", "No order with id " + order, Map.of("orderId", order.toString()));
		}
	}

	static final class CartNotFoundException extends MarketplaceException.NotFound {
		CartNotFoundException(UUID cart) {
			super("cart-not-found", "No cart with id " + cart, Map.of("cartId", cart.toString()));
		}
	}

	static final class UnknownCustomerException extends MarketplaceException.Unprocessable {
		UnknownCustomerException(CustomerId customer) {
			super("unknown-customer", "No customer with id " + customer, Map.of("field", "customerId"));
		}
	}

	/** Lines name SKUs that the catalog does not have, or does not sell any more. */
	static final class UnavailableProductsException extends MarketplaceException.Unprocessable {
		UnavailableProductsException(List<Sku> skus) {
			super("products-unavailable", "Not for sale: " + skus, Map.of("skus", skus.stream().map(Sku::value).toList()));
		}
	}

	static final class MixedCurrenciesException extends MarketplaceException.Unprocessable {
		MixedCurrenciesException() {
			super("mixed-currencies", "All lines of an order must be priced in one currency", Map.of());
		}
	}

	static final class IdempotencyKeyReusedException extends MarketplaceException.Unprocessable {
		IdempotencyKeyReusedException(String key) {
			super("idempotency-key-reused", "Idempotency-Key " + key + " was used before with a different request",
					Map.of("header", "Idempotency-Key"));
		}
	}

	static final class OrderNotCancellableException extends MarketplaceException.Conflict {
		OrderNotCancellableException(OrderId order, Order.Status status) {
			super("order-not-cancellable", "Order " + order + " is " + status
					+ "; only a confirmed order that has not shipped can be cancelled", Map.of("status", status.name()));
		}
	}

	static final class CartClosedException extends MarketplaceException.Conflict {
		CartClosedException(UUID cart, @Nullable UUID order) {
			super("cart-closed", "Cart " + cart + " was checked out already" + (order == null ? "" : " as order " + order),
					order == null ? Map.of() : Map.of("orderId", order.toString()));
		}
	}

	static final class CartFullException extends MarketplaceException.Unprocessable {
		CartFullException(UUID cart, int limit) {
			super("cart-full", "Cart " + cart + " holds " + limit + " different items already, the most allowed",
					Map.of("limit", limit));
		}
	}

	static final class EmptyCartException extends MarketplaceException.Unprocessable {
		EmptyCartException(UUID cart) {
			super("empty-cart", "Cart " + cart + " is empty", Map.of("cartId", cart.toString()));
		}
	}
}
