package com.figmart.marketplace.order.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import com.figmart.marketplace.MarketplaceModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import com.figmart.marketplace.EventPublications;
import com.figmart.marketplace.catalog.Catalog;
import com.figmart.marketplace.catalog.ProductInfo;
import com.figmart.marketplace.inventory.CommitReservation;
import com.figmart.marketplace.inventory.ReleaseReservation;
import com.figmart.marketplace.inventory.ReserveStock;
import com.figmart.marketplace.inventory.StockReserved;
import com.figmart.marketplace.inventory.StockShortage;
import com.figmart.marketplace.kernel.Money;
import com.figmart.marketplace.kernel.Sku;
import com.figmart.marketplace.order.OrderCancelled;
import com.figmart.marketplace.order.OrderConfirmed;
import com.figmart.marketplace.order.OrderId;
import com.figmart.marketplace.order.OrderRejected;
import com.figmart.marketplace.order.OrderShipped;
import com.figmart.marketplace.order.internal.OrderManagement.Wanted;
import com.figmart.marketplace.payment.AuthorizePayment;
import com.figmart.marketplace.payment.CapturePayment;
import com.figmart.marketplace.payment.PaymentAuthorized;
import com.figmart.marketplace.payment.PaymentDeclined;
import com.figmart.marketplace.payment.RefundPayment;
import com.figmart.marketplace.shipping.CancelShipment;
import com.figmart.marketplace.shipping.ShipOrder;
import com.figmart.marketplace.shipping.ShipmentStatusChanged;
import com.figmart.marketplace.user.CustomerDirectory;
import com.figmart.marketplace.user.CustomerId;

/**
 * The checkout saga of the order module, alone: the answers of inventory and payment are events
 * this test publishes, and the commands the saga sends are events it expects. Only the two
 * synchronous lookups (catalog prices, customer existence) are stand-ins.
 */
@MarketplaceModuleTest
class OrderModuleTests {

	static final Sku MUG = Sku.of("ORD-MUG");
	static final Sku RETIRED = Sku.of("ORD-OLD");

	@MockitoBean
	Catalog catalog;

	@MockitoBean
	CustomerDirectory customers;

	private final OrderManagement orders;
	private final JdbcClient jdbc;
	private final CustomerId customer = CustomerId.of(UUID.randomUUID());

	OrderModuleTests(OrderManagement orders, JdbcClient jdbc) {
		this.orders = orders;
		this.jdbc = jdbc;
	}

	@BeforeEach
	void catalogAndCustomers() {
		given(customers.exists(any())).willReturn(false);
		given(customers.exists(customer)).willReturn(true);
		given(catalog.findProduct(any())).willReturn(Optional.empty());
		given(catalog.findProduct(MUG)).willReturn(Optional.of(
				new ProductInfo(MUG, "Mug", "", Money.of("12.00", "EUR"), "kitchen", true)));
		given(catalog.findProduct(RETIRED)).willReturn(Optional.of(
				new ProductInfo(RETIRED, "Old", "", Money.of("1.00", "EUR"), "kitchen", false)));
	}

	@Test
	void placingAnOrderPricesItFromTheCatalogAndAsksForStock(Scenario scenario) {
		scenario.stimulate(() -> place("tok_visa"))
				.andWaitForEventOfType(ReserveStock.class)
				.toArriveAndVerify((command, order) -> {
					assertThat(command.orderId()).isEqualTo(order.id());
					assertThat(command.lines()).singleElement().satisfies(line -> assertThat(line.quantity()).isEqualTo(3));
					assertThat(order.total()).isEqualTo(Money.of("36.00", "EUR"));
					assertThat(order.status()).isEqualTo("PENDING");
				});
	}

	@Test
	void reservedStockLeadsToAPaymentAuthorisationAndAuthorisationConfirms(Scenario scenario) {
		var order = place("tok_visa").id();

		scenario.publish(new StockReserved(order))
				.andWaitForEventOfType(AuthorizePayment.class)
				.matching(command -> command.orderId().equals(order))
				.toArriveAndVerify(command -> assertThat(command.amount()).isEqualTo(Money.of("36.00", "EUR")));

		scenario.publish(new PaymentAuthorized(order, UUID.randomUUID(), "AUTH-1"))
				.andWaitForStateChange(() -> status(order), "CONFIRMED"::equals)
				.andVerifyEvents(events -> {
					assertThat(events).contains(OrderConfirmed.class)
							.matching(event -> event.orderId().id().equals(order) && event.lines().get(0).category().equals("kitchen"));
					assertThat(events).contains(CommitReservation.class).matching(CommitReservation::orderId, order);
					assertThat(events).contains(CapturePayment.class).matching(CapturePayment::orderId, order);
					assertThat(events).contains(ShipOrder.class).matching(ShipOrder::orderId, order);
				});
	}

	@Test
	void aDeclinedPaymentRejectsTheOrderAndReleasesTheStock(Scenario scenario) {
		var order = place("tok_declined").id();
		scenario.publish(new StockReserved(order)).andWaitForEventOfType(AuthorizePayment.class).toArrive();

		scenario.publish(new PaymentDeclined(order, "card declined by issuer"))
				.andWaitForStateChange(() -> status(order), "REJECTED"::equals)
				.andVerifyEvents(events -> {
					assertThat(events).contains(OrderRejected.class)
							.matching(event -> event.orderId().id().equals(order) && event.reason().contains("card declined"));
					assertThat(events).contains(ReleaseReservation.class).matching(ReleaseReservation::orderId, order);
				});
	}

	@Test
	void missingStockRejectsTheOrderWithoutCharging(Scenario scenario) {
		var order = place("tok_visa").id();

		scenario.publish(new StockShortage(order, List.of(MUG)))
				.andWaitForStateChange(() -> orders.get(OrderId.of(order)), view -> view.status().equals("REJECTED"))
				.andVerifyEvents(events -> {
					assertThat(orders.get(OrderId.of(order)).rejectionReason()).isEqualTo("insufficient stock for ORD-MUG");
					assertThat(events.ofType(AuthorizePayment.class).matching(AuthorizePayment::orderId, order)).isEmpty();
				});
	}

	@Test
	void anAnswerDeliveredTwiceMovesTheOrderOnce(Scenario scenario) {
		var order = place("tok_visa").id();
		scenario.publish(new StockReserved(order)).andWaitForEventOfType(AuthorizePayment.class).toArrive();
		var authorized = new PaymentAuthorized(order, UUID.randomUUID(), "AUTH-2");
		scenario.publish(authorized).andWaitForEventOfType(OrderConfirmed.class).toArrive();

		scenario.publish(authorized)
				.andWaitForStateChange(() -> new EventPublications(jdbc).pendingMentioning(order), pending -> pending == 0)
				.andVerifyEvents(events -> {
					assertThat(events.ofType(OrderConfirmed.class).matching(event -> event.orderId().id().equals(order))).hasSize(1);
					assertThat(events.ofType(CapturePayment.class).matching(CapturePayment::orderId, order)).hasSize(1);
				});
	}

	@Test
	void cancellingAConfirmedOrderUndoesEveryStep(Scenario scenario) {
		var order = confirmed(scenario);

		scenario.stimulate(() -> orders.cancel(OrderId.of(order)))
				.andWaitForStateChange(() -> status(order), "CANCELLED"::equals)
				.andVerifyEvents(events -> {
					assertThat(events).contains(OrderCancelled.class).matching(event -> event.orderId().id().equals(order));
					assertThat(events).contains(ReleaseReservation.class).matching(ReleaseReservation::orderId, order);
					assertThat(events).contains(RefundPayment.class).matching(RefundPayment::orderId, order);
					assertThat(events).contains(CancelShipment.class).matching(CancelShipment::orderId, order);
				});
		assertThatExceptionOfType(OrderFailures.OrderNotCancellableException.class)
				.isThrownBy(() -> orders.cancel(OrderId.of(order)));
	}

	@Test
	void aDispatchedShipmentShipsTheOrder(Scenario scenario) {
		var order = confirmed(scenario);

		scenario.publish(new ShipmentStatusChanged(UUID.randomUUID(), order, "FM00000000018", "DISPATCHED", Instant.now()))
				.andWaitForEventOfType(OrderShipped.class)
				.toArriveAndVerify(event -> assertThat(orders.get(OrderId.of(order)).trackingNumber()).isEqualTo("FM00000000018"));
	}

	@Test
	void theSameIdempotencyKeyReturnsTheSameOrderAndRefusesAnotherRequest() {
		var key = "key-" + UUID.randomUUID();
		var first = orders.place(customer.id(), List.of(new Wanted(MUG, 1)), "tok_visa", key);
		var again = orders.place(customer.id(), List.of(new Wanted(MUG, 1)), "tok_visa", key);

		assertThat(first.replayed()).isFalse();
		assertThat(again.replayed()).isTrue();
		assertThat(again.order().id()).isEqualTo(first.order().id());
		assertThatExceptionOfType(OrderFailures.IdempotencyKeyReusedException.class)
				.isThrownBy(() -> orders.place(customer.id(), List.of(new Wanted(MUG, 2)), "tok_visa", key));
	}

	@Test
	void refusesUnknownCustomersAndProductsNotForSaleWritingNothing() {
		var orderCount = jdbc.sql("select count(*) from orders.orders").query(Long.class).single();
		var keyCount = jdbc.sql("select count(*) from orders.idempotency_keys").query(Long.class).single();

		assertThatExceptionOfType(OrderFailures.UnknownCustomerException.class).isThrownBy(
				() -> orders.place(UUID.randomUUID(), List.of(new Wanted(MUG, 1)), "tok_visa", null));
		assertThatExceptionOfType(OrderFailures.UnavailableProductsException.class)
				.isThrownBy(() -> orders.place(customer.id(), List.of(new Wanted(RETIRED, 1), new Wanted(Sku.of("ORD-NONE"), 1)),
						"tok_visa", "key-" + UUID.randomUUID()))
				.satisfies(failure -> assertThat(failure.properties()).containsEntry("skus", List.of("ORD-NONE", "ORD-OLD")));

		assertThat(jdbc.sql("select count(*) from orders.orders").query(Long.class).single()).isEqualTo(orderCount);
		assertThat(jdbc.sql("select count(*) from orders.idempotency_keys").query(Long.class).single()).isEqualTo(keyCount);
	}

	private Order.OrderView place(String paymentToken) {
		return orders.place(customer.id(), List.of(new Wanted(MUG, 2), new Wanted(MUG, 1)), paymentToken, null).order();
	}

	private UUID confirmed(Scenario scenario) {
		var order = place("tok_visa").id();
		scenario.publish(new StockReserved(order)).andWaitForEventOfType(AuthorizePayment.class).toArrive();
		scenario.publish(new PaymentAuthorized(order, UUID.randomUUID(), "AUTH-3"))
				.andWaitForStateChange(() -> status(order), "CONFIRMED"::equals).andVerify(status -> { });
		return order;
	}

	private String status(UUID order) {
		return orders.get(OrderId.of(order)).status();
	}
}
