package com.figmart.marketplace.order.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.figmart.marketplace.kernel.Sku;
import com.figmart.marketplace.order.internal.Cart.CartView;
import com.figmart.marketplace.order.internal.Order.OrderView;

@RestController
@RequestMapping("/api/carts")
class CartController {

	private final CartManagement carts;
	private final OrderManagement orders;
	private final CheckoutResponses responses;

	CartController(CartManagement carts, OrderManagement orders, CheckoutResponses responses) {
		this.carts = carts;
		this.orders = orders;
		this.responses = responses;
	}

	@PostMapping
	ResponseEntity<CartView> open(@Valid @RequestBody NewCart request) {
		var cart = carts.open(request.customerId());
		var location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(cart.id()).toUri();
		return ResponseEntity.created(location).body(cart);
	}

	@GetMapping("/{id}")
	CartView cart(@PathVariable UUID id) {
		return carts.get(id);
	}

	@PutMapping("/{id}/items/{sku}")
	CartView put(@PathVariable UUID id, @PathVariable Sku sku, @Valid @RequestBody Quantity request) {
		return carts.put(id, sku, request.quantity());
	}

	@DeleteMapping("/{id}/items/{sku}")
	CartView remove(@PathVariable UUID id, @PathVariable Sku sku) {
		return carts.remove(id, sku);
	}

	/** Turns the cart into an order; answers like placing an order does. */
	@PostMapping("/{id}/checkout")
	ResponseEntity<OrderView> checkout(@PathVariable UUID id,
			@RequestHeader(name = OrderController.IDEMPOTENCY_KEY, required = false) @Pattern(regexp = OrderController.KEY_PATTERN) @Nullable String idempotencyKey,
			@Valid @RequestBody Checkout request) {
		return responses.settle(idempotencyKey, () -> orders.checkout(id, request.paymentToken(), idempotencyKey));
	}

	record NewCart(@NotNull @Nullable UUID customerId) {
	}

	record Quantity(@NotNull @Min(1) @Max(1000) @Nullable Integer quantity) {
	}

	record Checkout(@NotBlank @Size(max = 64) @Nullable String paymentToken) {
	}
}
