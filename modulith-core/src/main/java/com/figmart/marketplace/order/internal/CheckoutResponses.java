package com.figmart.marketplace.order.internal;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.figmart.marketplace.order.OrderId;
import com.figmart.marketplace.order.internal.Order.OrderView;
import com.figmart.marketplace.order.internal.OrderManagement.Placement;

/** How the web edge answers a checkout, whether it came from an order request or a cart. */
@Component
class CheckoutResponses {

	private final OrderManagement orders;
	private final CheckoutOutcomes outcomes;
	private final OrderProperties properties;

	CheckoutResponses(OrderManagement orders, CheckoutOutcomes outcomes, OrderProperties properties) {
		this.orders = orders;
		this.outcomes = outcomes;
		this.properties = properties;
	}

	/**
	 * Runs a placement, retrying once when a concurrent request with the same key won the race (its
	 * key is committed by then, so the retry replays its order), then waits for the outcome.
	 */
	ResponseEntity<OrderView> settle(@Nullable String idempotencyKey, Supplier<Placement> placement) {
		Placement placed;
		try {
			placed = placement.get();
		}
		catch (DataIntegrityViolationException raceOnKey) {
			if (idempotencyKey == null) {
				throw raceOnKey;
			}
			placed = placement.get();
		}
		var id = OrderId.of(placed.order().id());
		outcomes.awaitSettled(id.id(), properties.checkoutWait(), () -> orders.isSettled(id));
		var order = orders.get(id);
		if (placed.replayed()) {
			return ResponseEntity.ok().header(OrderController.IDEMPOTENT_REPLAYED, "true").body(order);
		}
		var location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/orders/{id}")
				.buildAndExpand(order.id()).toUri();
		return ResponseEntity.created(location).body(order);
	}

}
