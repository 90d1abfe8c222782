package com.figmart.marketplace.inventory.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.figmart.marketplace.inventory.CommitReservation;
import com.figmart.marketplace.inventory.Inventory;
import com.figmart.marketplace.inventory.ReleaseReservation;
import com.figmart.marketplace.inventory.ReservationExpired;
import com.figmart.marketplace.inventory.ReserveStock;
import com.figmart.marketplace.inventory.StockLevel;
import com.figmart.marketplace.inventory.StockLine;
import com.figmart.marketplace.inventory.StockReserved;
import com.figmart.marketplace.inventory.StockShortage;
import com.figmart.marketplace.kernel.Sku;

/**
 * Handles the inventory's commands. Each handler runs in its own transaction, is idempotent (a
 * repeated command finds the reservation in its final state and does nothing), and answers with an
 * event published in the same transaction.
 */
@Service
@Transactional
class StockReservations implements Inventory {

	private static final Logger log = LoggerFactory.getLogger(StockReservations.class);

	private final StockItems stock;
	private final Reservations reservations;
	private final ApplicationEventPublisher events;
	private final InventoryProperties properties;
	private final Clock clock;

	StockReservations(StockItems stock, Reservations reservations, ApplicationEventPublisher events,
			InventoryProperties properties, Clock clock) {
		this.stock = stock;
		this.reservations = reservations;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(ReserveStock command) {
		if (reservations.findByOrderId(command.orderId()).isPresent()) {
			return;
		}
		var wanted = command.lines().stream()
				.collect(Collectors.toMap(line -> line.sku().value(), StockLine::quantity, Integer::sum));
		var items = stock.lockAll(wanted.keySet()).stream()
				.collect(Collectors.toMap(item -> item.sku().value(), Function.identity()));
		var missing = wanted.entrySet().stream()
				.filter(entry -> !items.containsKey(entry.getKey()) || !items.get(entry.getKey()).canReserve(entry.getValue()))
				.map(Map.Entry::getKey).sorted().map(Sku::of).toList();
		var now = clock.instant();
		if (!missing.isEmpty()) {
			reservations.save(Reservation.refused(command.orderId(), command.lines(), now));
			events.publishEvent(new StockShortage(command.orderId(), missing));
			return;
		}
		wanted.forEach((sku, quantity) -> items.get(sku).reserve(quantity));
		reservations.save(Reservation.held(command.orderId(), command.lines(), now,
				now.plus(properties.reservationTimeToLive())));
		events.publishEvent(new StockReserved(command.orderId()));
	}

	@ApplicationModuleListener
	void on(CommitReservation command) {
		reservations.findByOrderId(command.orderId()).filter(Reservation::isHeld).ifPresentOrElse(reservation -> {
			var items = lockLinesOf(reservation);
			reservation.lines().forEach(line -> items.get(line.sku()).commit(line.quantity()));
			reservation.commit();
		}, () -> log.debug("Nothing held to commit for order {}", command.orderId()));
	}

	@ApplicationModuleListener
	void on(ReleaseReservation command) {
		reservations.findByOrderId(command.orderId()).ifPresent(reservation -> {
			if (reservation.isHeld()) {
				var items = lockLinesOf(reservation);
				reservation.lines().forEach(line -> items.get(line.sku()).release(line.quantity()));
				reservation.release();
			}
			else if (reservation.isCommitted()) {
				var items = lockLinesOf(reservation);
				reservation.lines().forEach(line -> items.get(line.sku()).restock(line.quantity()));
				reservation.returnGoods();
			}
		});
	}

	/** Releases held reservations whose time is up; several instances may sweep at once (skip locked). */
	@Scheduled(fixedDelayString = "${figmart.inventory.expiry-sweep-interval:10s}")
	void expireOverdueReservations() {
		for (var reservation : reservations.lockOverdue(clock.instant(), properties.expiryBatchSize())) {
			var items = lockLinesOf(reservation);
			reservation.lines().forEach(line -> items.get(line.sku()).release(line.quantity()));
			reservation.expire();
			events.publishEvent(new ReservationExpired(reservation.orderId()));
			log.info("Reservation for order {} expired and returned its stock", reservation.orderId());
		}
	}

	@Override
	@Transactional(readOnly = true)
	public StockLevel stockOf(Sku sku) {
		return stock.findById(sku.value()).map(StockItem::toLevel).orElseGet(() -> new StockLevel(sku, 0, 0));
	}

	@Override
	public StockLevel restock(Sku sku, int quantity) {
		var item = stock.lockAll(List.of(sku.value())).stream().findFirst().orElseGet(() -> new StockItem(sku));
		item.restock(quantity);
		return stock.save(item).toLevel();
	}

	private Map<String, StockItem> lockLinesOf(Reservation reservation) {
		var skus = reservation.lines().stream().map(Reservation.Line::sku).collect(Collectors.toSet());
		return stock.lockAll(skus).stream().collect(Collectors.toMap(item -> item.sku().value(), Function.identity()));
	}
}
