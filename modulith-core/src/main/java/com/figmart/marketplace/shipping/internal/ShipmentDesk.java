package com.figmart.marketplace.shipping.internal;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.figmart.marketplace.kernel.MarketplaceException;
import com.figmart.marketplace.shipping.CancelShipment;
import com.figmart.marketplace.shipping.ShipOrder;

@Service
@Transactional
class ShipmentDesk {

	private final Shipments shipments;
	private final Clock clock;

	ShipmentDesk(Shipments shipments, Clock clock) {
		this.shipments = shipments;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(ShipOrder command) {
		if (shipments.findByOrderId(command.orderId()).isEmpty()) {
			var trackingNumber = TrackingNumber.fromSequence(shipments.nextTrackingSequence());
			shipments.save(new Shipment(command.orderId(), command.customerId(), trackingNumber, clock.instant()));
		}
	}

	@ApplicationModuleListener
	void on(CancelShipment command) {
		shipments.findByOrderId(command.orderId()).filter(Shipment::isCancellable).ifPresent(shipment -> {
			shipment.moveTo(Shipment.Status.CANCELLED, clock.instant());
			shipments.save(shipment);
		});
	}

	Shipment.ShipmentView moveTo(UUID shipmentId, Shipment.Status status) {
		var shipment = shipments.findById(shipmentId).orElseThrow(() -> new ShipmentNotFoundException("id", shipmentId));
		shipment.moveTo(status, clock.instant());
		return shipments.save(shipment).toView();
	}

	@Transactional(readOnly = true)
	Shipment.ShipmentView get(UUID shipmentId) {
		return shipments.findById(shipmentId).map(Shipment::toView)
				.orElseThrow(() -> new ShipmentNotFoundException("id", shipmentId));
	}

	@Transactional(readOnly = true)
	Shipment.ShipmentView forOrder(UUID orderId) {
		return shipments.findByOrderId(orderId).map(Shipment::toView)
				.orElseThrow(() -> new ShipmentNotFoundException("orderId", orderId));
	}

	static final class ShipmentNotFoundException extends MarketplaceException.NotFound {
		ShipmentNotFoundException(String key, UUID value) {
			super("shipment-not-found", "No shipment with " + key + " " + value, Map.of(key, value.toString()));
		}
	}
}
