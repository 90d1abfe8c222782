package com.figmart.marketplace.order.internal;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.figmart.marketplace.inventory.CommitReservation;
import com.figmart.marketplace.inventory.ReleaseReservation;
import com.figmart.marketplace.inventory.ReservationExpired;
import com.figmart.marketplace.inventory.ReserveStock;
import com.figmart.marketplace.inventory.StockLine;
import com.figmart.marketplace.inventory.StockReserved;
import com.figmart.marketplace.inventory.StockShortage;
import com.figmart.marketplace.kernel.Sku;
import com.figmart.marketplace.payment.AuthorizePayment;
import com.figmart.marketplace.payment.CapturePayment;
import com.figmart.marketplace.payment.PaymentAuthorized;
import com.figmart.marketplace.payment.PaymentDeclined;
import com.figmart.marketplace.payment.RefundPayment;
import com.figmart.marketplace.shipping.CancelShipment;
import com.figmart.marketplace.shipping.ShipOrder;
import com.figmart.marketplace.shipping.ShipmentStatusChanged;

/**
 * The checkout, orchestrated: reserve stock, authorise payment, confirm, then commit the stock,
 * capture the money and ship. A shortage rejects the order before any money moves; a declined
 * payment rejects it and releases the stock.
 * <p>
 * Every step runs in its own transaction after the previous one committed, and its command to the
 * next module is published in that same transaction, so the event publication registry delivers it
 * even across a crash. Deliveries are at least once: each handler first checks that the order
 * still awaits this answer, and ignores it otherwise.
 */
@Component
class CheckoutSaga {

	private static final Logger log = LoggerFactory.getLogger(CheckoutSaga.class);

	private final Orders orders;
	private final ApplicationEventPublisher commands;
	private final CheckoutOutcomes outcomes;
	private final Clock clock;

	CheckoutSaga(Orders orders, ApplicationEventPublisher commands, CheckoutOutcomes outcomes, Clock clock) {
		this.orders = orders;
		this.commands = commands;
		this.outcomes = outcomes;
		this.clock = clock;
	}

	/** Called in the transaction that placed the order. */
	void begin(Order order) {
		var lines = order.lines().stream().map(line -> new StockLine(line.sku(), line.quantity())).toList();
		commands.publishEvent(new ReserveStock(order.id().id(), lines));
	}

	/** Called in the transaction that cancelled the order: undo every effect of the checkout. */
	void compensateCancellation(Order order) {
		var id = order.id().id();
		commands.publishEvent(new ReleaseReservation(id, "order cancelled"));
		commands.publishEvent(new RefundPayment(id));
		commands.publishEvent(new CancelShipment(id));
	}

	@ApplicationModuleListener
	void on(StockReserved event) {
		step(event.orderId(), Order.CheckoutStep.AWAITING_STOCK, order -> {
			order.stockReserved(clock.instant());
			commands.publishEvent(new AuthorizePayment(event.orderId(), order.total(), order.paymentToken()));
		});
	}

	@ApplicationModuleListener
	void on(StockShortage event) {
		step(event.orderId(), Order.CheckoutStep.AWAITING_STOCK, order -> {
			var skus = event.missing().stream().map(Sku::value).collect(Collectors.joining(", "));
			order.reject("insufficient stock for " + skus, clock.instant());
			outcomes.settled(event.orderId());
		});
	}

	@ApplicationModuleListener
	void on(PaymentAuthorized event) {
		var handled = step(event.orderId(), Order.CheckoutStep.AWAITING_PAYMENT, order -> {
			order.confirm(clock.instant());
			commands.publishEvent(new CommitReservation(event.orderId()));
			commands.publishEvent(new CapturePayment(event.orderId()));
			commands.publishEvent(new ShipOrder(event.orderId(), order.customerId().id()));
			outcomes.settled(event.orderId());
		});
		if (!handled && orders.findById(event.orderId()).filter(order -> order.status() == Order.Status.REJECTED).isPresent()) {
			// rejected meanwhile (its reservation expired): the authorisation must not stay open
			commands.publishEvent(new RefundPayment(event.orderId()));
		}
	}

	@ApplicationModuleListener
	void on(PaymentDeclined event) {
		step(event.orderId(), Order.CheckoutStep.AWAITING_PAYMENT, order -> {
			order.reject("payment declined: " + event.reason(), clock.instant());
			commands.publishEvent(new ReleaseReservation(event.orderId(), "payment declined"));
			outcomes.settled(event.orderId());
		});
	}

	@ApplicationModuleListener
	void on(ReservationExpired event) {
		step(event.orderId(), order -> order.status() == Order.Status.PENDING, order -> {
			order.reject("stock reservation expired before payment", clock.instant());
			outcomes.settled(event.orderId());
		});
	}

	@ApplicationModuleListener
	void on(ShipmentStatusChanged event) {
		if (!event.dispatched()) {
			return;
		}
		orders.findById(event.orderId()).filter(order -> order.status() == Order.Status.CONFIRMED).ifPresent(order -> {
			order.markShipped(event.trackingNumber(), clock.instant());
			orders.save(order);
		});
	}

	private boolean step(UUID orderId, Order.CheckoutStep expected, Consumer<Order> action) {
		return step(orderId, order -> order.awaits(expected), action);
	}

	private boolean step(UUID orderId, Predicate<Order> awaitsThisAnswer, Consumer<Order> action) {
		var order = orders.findById(orderId).orElse(null);
		if (order == null || !awaitsThisAnswer.test(order)) {
			log.debug("Order {} does not await this answer: ignored (a repeated or late delivery)", orderId);
			return false;
		}
		action.accept(order);
		orders.save(order);
		return true;
	}
}
