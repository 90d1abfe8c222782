package com.figmart.marketplace.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import com.figmart.marketplace.MarketplaceModuleTest;
import org.springframework.modulith.test.Scenario;

import com.figmart.marketplace.EventPublications;
import com.figmart.marketplace.inventory.CommitReservation;
import com.figmart.marketplace.inventory.ReleaseReservation;
import com.figmart.marketplace.inventory.ReservationExpired;
import com.figmart.marketplace.inventory.ReserveStock;
import com.figmart.marketplace.inventory.StockLevel;
import com.figmart.marketplace.inventory.StockLine;
import com.figmart.marketplace.inventory.StockReserved;
import com.figmart.marketplace.inventory.StockShortage;
import com.figmart.marketplace.kernel.Sku;

@MarketplaceModuleTest
class InventoryModuleTests {

	private final StockReservations inventory;
	private final Reservations reservations;
	private final JdbcClient jdbc;

	InventoryModuleTests(StockReservations inventory, Reservations reservations, JdbcClient jdbc) {
		this.inventory = inventory;
		this.reservations = reservations;
		this.jdbc = jdbc;
	}

	@Test
	void reservesAllLinesOfAnOrder(Scenario scenario) {
		var mugs = stocked("INV-R-1", 10);
		var cups = stocked("INV-R-2", 5);
		var order = UUID.randomUUID();

		scenario.publish(new ReserveStock(order, List.of(new StockLine(mugs, 3), new StockLine(cups, 5))))
				.andWaitForEventOfType(StockReserved.class)
				.matching(event -> event.orderId().equals(order))
				.toArrive();

		assertThat(inventory.stockOf(mugs)).isEqualTo(new StockLevel(mugs, 10, 3));
		assertThat(inventory.stockOf(cups).available()).isZero();
	}

	@Test
	void reservesNothingWhenOneLineIsShort(Scenario scenario) {
		var mugs = stocked("INV-S-1", 10);
		var rare = stocked("INV-S-2", 1);
		var order = UUID.randomUUID();

		scenario.publish(new ReserveStock(order, List.of(new StockLine(mugs, 2), new StockLine(rare, 2),
				new StockLine(Sku.of("INV-S-NONE"), 1))))
				.andWaitForEventOfType(StockShortage.class)
				.matching(event -> event.orderId().equals(order))
				.toArriveAndVerify(event -> assertThat(event.missing())
						.containsExactly(Sku.of("INV-S-2"), Sku.of("INV-S-NONE")));

		assertThat(inventory.stockOf(mugs).reserved()).isZero();
		assertThat(inventory.stockOf(rare).reserved()).isZero();
	}

	@Test
	void aRepeatedReserveCommandReservesOnce(Scenario scenario) {
		var sku = stocked("INV-I-1", 10);
		var command = new ReserveStock(UUID.randomUUID(), List.of(new StockLine(sku, 4)));

		scenario.publish(command).andWaitForEventOfType(StockReserved.class).toArrive();
		scenario.publish(command).andWaitForStateChange(() -> new EventPublications(jdbc).pendingMentioning(command.orderId()), pending -> pending == 0)
				.andVerify(pending -> {
					assertThat(inventory.stockOf(sku).reserved()).isEqualTo(4);
					assertThat(reservations.findByOrderId(command.orderId())).isPresent();
				});
	}

	@Test
	void committingTakesStockOffTheBooksAndReleasingAfterwardsReturnsIt(Scenario scenario) {
		var sku = stocked("INV-C-1", 10);
		var order = UUID.randomUUID();
		scenario.publish(new ReserveStock(order, List.of(new StockLine(sku, 3)))).andWaitForEventOfType(StockReserved.class).toArrive();

		scenario.publish(new CommitReservation(order))
				.andWaitForStateChange(() -> inventory.stockOf(sku), level -> level.onHand() == 7)
				.andVerify(level -> assertThat(level.reserved()).isZero());

		scenario.publish(new ReleaseReservation(order, "cancelled"))
				.andWaitForStateChange(() -> inventory.stockOf(sku), level -> level.onHand() == 10)
				.andVerify(level -> assertThat(reservations.findByOrderId(order)).hasValueSatisfying(
						reservation -> assertThat(reservation.status()).isEqualTo(Reservation.Status.RETURNED)));
	}

	@Test
	void releasingHeldStockMakesItAvailableAgain(Scenario scenario) {
		var sku = stocked("INV-L-1", 2);
		var order = UUID.randomUUID();
		scenario.publish(new ReserveStock(order, List.of(new StockLine(sku, 2)))).andWaitForEventOfType(StockReserved.class).toArrive();

		scenario.publish(new ReleaseReservation(order, "payment declined"))
				.andWaitForStateChange(() -> inventory.stockOf(sku).available(), available -> available == 2)
				.andVerify(available -> assertThat(inventory.stockOf(sku).onHand()).isEqualTo(2));
	}

	@Test
	void overdueReservationsExpireAndReturnTheirStock(Scenario scenario) {
		var sku = stocked("INV-E-1", 5);
		var order = UUID.randomUUID();
		scenario.publish(new ReserveStock(order, List.of(new StockLine(sku, 5)))).andWaitForEventOfType(StockReserved.class).toArrive();
		jdbc.sql("update inventory.reservations set expires_at = now() - interval '1 minute' where order_id = ?")
				.param(order).update();

		scenario.stimulate(() -> inventory.expireOverdueReservations())
				.andWaitForEventOfType(ReservationExpired.class)
				.matching(event -> event.orderId().equals(order))
				.toArriveAndVerify(event -> assertThat(inventory.stockOf(sku).available()).isEqualTo(5));
	}

	@Test
	void stockNeverGoesNegativeEvenWhenTheCodeIsBypassed() {
		var sku = stocked("INV-N-1", 1);
		var refused = org.assertj.core.api.Assertions.catchThrowable(() -> jdbc
				.sql("update inventory.stock_items set on_hand = -1 where sku = ?").param(sku.value()).update());
		assertThat(refused).hasMessageContaining("stock_items_on_hand_not_negative");
	}

	private Sku stocked(String sku, int quantity) {
		inventory.restock(Sku.of(sku), quantity);
		return Sku.of(sku);
	}

}
