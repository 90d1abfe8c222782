package com.figmart.marketplace.order.internal;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;
import org.jmolecules.ddd.annotation.ValueObject;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;

import com.figmart.marketplace.kernel.Money;
import com.figmart.marketplace.kernel.Sku;
import com.figmart.marketplace.order.OrderCancelled;
import com.figmart.marketplace.order.OrderConfirmed;
import com.figmart.marketplace.order.OrderId;
import com.figmart.marketplace.order.OrderLine;
import com.figmart.marketplace.order.OrderPlaced;
import com.figmart.marketplace.order.OrderRejected;
import com.figmart.marketplace.order.OrderShipped;
import com.figmart.marketplace.user.CustomerId;

/**
 * An order from placement to shipment. While {@code PENDING} the checkout saga moves it through its
 * {@link CheckoutStep}s; every transition checks where the order stands, so an answer that arrives
 * twice, or too late, cannot move it twice.
 */
@AggregateRoot
@Entity(name = "CustomerOrder")
@Table(schema = "orders", name = "orders")
class Order extends AbstractAggregateRoot<Order> {

	enum Status {
		PENDING, CONFIRMED, SHIPPED, REJECTED, CANCELLED;

		boolean isSettled() {
			return this != PENDING;
		}
	}

	enum CheckoutStep {
		AWAITING_STOCK, AWAITING_PAYMENT, DONE
	}

	@Id
	@Identity
	private UUID id;

	private UUID customerId;

	@Enumerated(EnumType.STRING)
	private Status status;

	@Enumerated(EnumType.STRING)
	private CheckoutStep checkoutStep;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(schema = "orders", name = "order_lines", joinColumns = @JoinColumn(name = "order_id"))
	@OrderColumn(name = "line_no")
	private List<Line> lines = new ArrayList<>();

	@Embedded
	@AttributeOverrides({ @AttributeOverride(name = "amount", column = @Column(name = "total_amount")),
			@AttributeOverride(name = "currency", column = @Column(name = "currency")) })
	private Money total;

	private String paymentToken;
	private @Nullable String rejectionReason;
	private @Nullable String trackingNumber;
	private Instant placedAt;
	private @Nullable Instant confirmedAt;
	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	protected Order() {
	}

	private Order(CustomerId customer, List<OrderLine> lines, String paymentToken, Instant now) {
		if (lines.isEmpty()) {
			throw new IllegalArgumentException("An order needs at least one line");
		}
		this.id = UUID.randomUUID();
		this.customerId = customer.id();
		this.status = Status.PENDING;
		this.checkoutStep = CheckoutStep.AWAITING_STOCK;
		this.lines = new ArrayList<>(lines.stream().map(Line::of).toList());
		this.total = lines.stream().map(OrderLine::lineTotal).reduce(Money::plus).orElseThrow();
		this.paymentToken = paymentToken;
		this.placedAt = now;
		this.updatedAt = now;
	}

	/** Places an order whose lines are priced already, and announces it. */
	static Order place(CustomerId customer, List<OrderLine> lines, String paymentToken, Instant now) {
		var order = new Order(customer, lines, paymentToken, now);
		order.registerEvent(new OrderPlaced(order.id(), customer, order.lines(), order.total, now));
		return order;
	}

	boolean awaits(CheckoutStep step) {
		return status == Status.PENDING && checkoutStep == step;
	}

	void stockReserved(Instant now) {
		requireAwaiting(CheckoutStep.AWAITING_STOCK);
		checkoutStep = CheckoutStep.AWAITING_PAYMENT;
		updatedAt = now;
	}

	void confirm(Instant now) {
		requireAwaiting(CheckoutStep.AWAITING_PAYMENT);
		status = Status.CONFIRMED;
		checkoutStep = CheckoutStep.DONE;
		confirmedAt = now;
		updatedAt = now;
		registerEvent(new OrderConfirmed(id(), customerId(), lines(), total, now));
	}

	void reject(String reason, Instant now) {
		if (status != Status.PENDING) {
			throw new IllegalStateException("Order " + id + " is " + status + " and cannot be rejected");
		}
		status = Status.REJECTED;
		checkoutStep = CheckoutStep.DONE;
		rejectionReason = reason;
		updatedAt = now;
		registerEvent(new OrderRejected(id(), reason, now));
	}

	void markShipped(String trackingNumber, Instant now) {
		if (status != Status.CONFIRMED) {
			throw new IllegalStateException("Order " + id + " is " + status + " and cannot ship");
		}
		status = Status.SHIPPED;
		this.trackingNumber = trackingNumber;
		updatedAt = now;
		registerEvent(new OrderShipped(id(), trackingNumber, now));
	}

	/** Only a confirmed order that has not shipped can be cancelled. */
	void cancel(Instant now) {
		if (status != Status.CONFIRMED) {
			throw new OrderFailures.OrderNotCancellableException(id(), status);
		}
		status = Status.CANCELLED;
		updatedAt = now;
		registerEvent(new OrderCancelled(id(), lines(), total, confirmedAt == null ? now : confirmedAt, now));
	}

	private void requireAwaiting(CheckoutStep step) {
		if (!awaits(step)) {
			throw new IllegalStateException("Order " + id + " is " + status + "/" + checkoutStep + ", not awaiting " + step);
		}
	}

	OrderId id() {
		return new OrderId(id);
	}

	CustomerId customerId() {
		return new CustomerId(customerId);
	}

	Status status() {
		return status;
	}

	Money total() {
		return total;
	}

	String paymentToken() {
		return paymentToken;
	}

	List<OrderLine> lines() {
		return lines.stream().map(Line::toOrderLine).toList();
	}

	OrderView toView() {
		return new OrderView(id, customerId, status.name(), lines(), total, rejectionReason, trackingNumber, placedAt,
				updatedAt);
	}

	record OrderView(UUID id, UUID customerId, String status, List<OrderLine> lines, Money total,
			@Nullable String rejectionReason, @Nullable String trackingNumber, Instant placedAt, Instant updatedAt) {
	}

	@ValueObject
	@Embeddable
	record Line(String sku, String name, String category, int quantity, BigDecimal unitPrice, String currency) {

		static Line of(OrderLine line) {
			return new Line(line.sku().value(), line.name(), line.category(), line.quantity(),
					line.unitPrice().amount(), line.unitPrice().currency().getCurrencyCode());
		}

		OrderLine toOrderLine() {
			return new OrderLine(Sku.of(sku), name, category, quantity,
					new Money(unitPrice, Currency.getInstance(currency)));
		}
	}
}
