package com.figmart.marketplace.shipping;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/** A shipment moved on; {@code status} is one of CREATED, DISPATCHED, IN_TRANSIT, DELIVERED, CANCELLED. */
@DomainEvent
public record ShipmentStatusChanged(UUID shipmentId, UUID orderId, String trackingNumber, String status,
		Instant at) {

	public boolean dispatched() {
		return "DISPATCHED".equals(status);
	}
}
