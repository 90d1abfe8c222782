package com.figmart.marketplace.inventory.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.figmart.marketplace.inventory.StockLevel;
import com.figmart.marketplace.kernel.Sku;

@RestController
@RequestMapping("/api/inventory")
class InventoryController {

	private final StockReservations inventory;

	InventoryController(StockReservations inventory) {
		this.inventory = inventory;
	}

	@GetMapping("/{sku}")
	StockView stock(@PathVariable Sku sku) {
		return StockView.of(inventory.stockOf(sku));
	}

	@PostMapping("/{sku}/restock")
	StockView restock(@PathVariable Sku sku, @Valid @RequestBody Restock request) {
		return StockView.of(inventory.restock(sku, request.quantity()));
	}

	record Restock(@NotNull @Min(1) @Max(1_000_000) @Nullable Integer quantity) {
	}

	record StockView(Sku sku, int onHand, int reserved, int available) {
		static StockView of(StockLevel level) {
			return new StockView(level.sku(), level.onHand(), level.reserved(), level.available());
		}
	}
}
