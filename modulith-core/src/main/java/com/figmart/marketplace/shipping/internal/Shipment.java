package com.figmart.marketplace.shipping.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;
import org.springframework.data.domain.AbstractAggregateRoot;

import com.figmart.marketplace.kernel.MarketplaceException;
import com.figmart.marketplace.shipping.ShipmentStatusChanged;

@AggregateRoot
@Entity
@Table(schema = "shipping", name = "shipments")
class Shipment extends AbstractAggregateRoot<Shipment> {

	enum Status {
		CREATED, DISPATCHED, IN_TRANSIT, DELIVERED, CANCELLED;

		private static final Map<Status, Set<Status>> NEXT = Map.of(
				CREATED, EnumSet.of(DISPATCHED, CANCELLED),
				DISPATCHED, EnumSet.of(IN_TRANSIT, DELIVERED),
				IN_TRANSIT, EnumSet.of(DELIVERED),
				DELIVERED, EnumSet.noneOf(Status.class),
				CANCELLED, EnumSet.noneOf(Status.class));

		boolean canMoveTo(Status next) {
			return NEXT.get(this).contains(next);
		}
	}

	@Id
	@Identity
	private UUID id;

	private UUID orderId;
	private UUID customerId;
	private String trackingNumber;

	@Enumerated(EnumType.STRING)
	private Status status;

	private Instant createdAt;
	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	protected Shipment() {
	}

	Shipment(UUID orderId, UUID customerId, TrackingNumber trackingNumber, Instant now) {
		this.id = UUID.randomUUID();
		this.orderId = orderId;
		this.customerId = customerId;
		this.trackingNumber = trackingNumber.value();
		this.status = Status.CREATED;
		this.createdAt = now;
		this.updatedAt = now;
		announce(now);
	}

	void moveTo(Status next, Instant now) {
		if (status == next) {
			return;
		}
		if (!status.canMoveTo(next)) {
			throw new InvalidShipmentTransitionException(id, status, next);
		}
		status = next;
		updatedAt = now;
		announce(now);
	}

	boolean isCancellable() {
		return status.canMoveTo(Status.CANCELLED);
	}

	private void announce(Instant now) {
		registerEvent(new ShipmentStatusChanged(id, orderId, trackingNumber, status.name(), now));
	}

	ShipmentView toView() {
		return new ShipmentView(id, orderId, customerId, trackingNumber, status.name(), createdAt, updatedAt);
	}

	record ShipmentView(UUID id, UUID orderId, UUID customerId, String trackingNumber, String status,
			Instant createdAt, Instant updatedAt) {
	}

	static final class InvalidShipmentTransitionException extends MarketplaceException.Conflict {
		InvalidShipmentTransitionException(UUID id, Status from, Status to) {
			super("invalid-shipment-transition", "Shipment " + id + " is " + from + " and cannot become " + to,
					Map.of("status", from.name(), "requested", to.name()));
		}
	}
}
