package com.figmart.marketplace.order.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.figmart.marketplace.kernel.Sku;
import com.figmart.marketplace.order.OrderId;
import com.figmart.marketplace.order.internal.Order.OrderView;
import com.figmart.marketplace.order.internal.OrderManagement.Wanted;

@RestController
@RequestMapping("/api/orders")
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";
	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
	static final String KEY_PATTERN = "[\\x21-\\x7E]{1,255}";

	private final OrderManagement orders;
	private final CheckoutResponses responses;

	OrderController(OrderManagement orders, CheckoutResponses responses) {
		this.orders = orders;
		this.responses = responses;
	}

	/**
	 * Places an order and answers once the checkout settled it (CONFIRMED or REJECTED), or with the
	 * order still PENDING after {@code figmart.order.checkout-wait}. Repeating the request with the
	 * same Idempotency-Key returns the same order (200, {@code Idempotent-Replayed: true}).
	 */
	@PostMapping
	ResponseEntity<OrderView> place(
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Pattern(regexp = KEY_PATTERN) @Nullable String idempotencyKey,
			@Valid @RequestBody PlaceOrder request) {
		var wanted = request.lines().stream().map(line -> new Wanted(Sku.of(line.sku()), line.quantity())).toList();
		return responses.settle(idempotencyKey,
				() -> orders.place(request.customerId(), wanted, request.paymentToken(), idempotencyKey));
	}

	@GetMapping("/{id}")
	OrderView order(@PathVariable UUID id) {
		return orders.get(OrderId.of(id));
	}

	@PostMapping("/{id}/cancel")
	OrderView cancel(@PathVariable UUID id) {
		return orders.cancel(OrderId.of(id));
	}

	record PlaceOrder(@NotNull @Nullable UUID customerId,
			@NotEmpty @Size(max = 50) @Nullable List<@Valid @NotNull Line> lines,
			@NotBlank @Size(max = 64) @Nullable String paymentToken) {
	}

	record Line(@NotBlank @Pattern(regexp = Sku.PATTERN, message = "must be 3 to 32 letters, digits or dashes") @Nullable String sku,
			@NotNull @Min(1) @Max(1000) @Nullable Integer quantity) {
	}
}
