package com.figmart.marketplace.shipping.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/shipments")
class ShipmentController {

	private final ShipmentDesk desk;

	ShipmentController(ShipmentDesk desk) {
		this.desk = desk;
	}

	@GetMapping("/{id}")
	Shipment.ShipmentView shipment(@PathVariable UUID id) {
		return desk.get(id);
	}

	@GetMapping(params = "orderId")
	Shipment.ShipmentView forOrder(@RequestParam UUID orderId) {
		return desk.forOrder(orderId);
	}

	/** What a carrier reports: DISPATCHED, IN_TRANSIT, DELIVERED (or CANCELLED before dispatch). */
	@PostMapping("/{id}/status")
	Shipment.ShipmentView changeStatus(@PathVariable UUID id, @Valid @RequestBody StatusChange request) {
		return desk.moveTo(id, request.status());
	}

	record StatusChange(@NotNull Shipment.@Nullable Status status) {
	}
}
