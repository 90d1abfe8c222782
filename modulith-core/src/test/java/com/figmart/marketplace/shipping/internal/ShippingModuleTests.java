package com.figmart.marketplace.shipping.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import com.figmart.marketplace.MarketplaceModuleTest;
import org.springframework.modulith.test.Scenario;

import com.figmart.marketplace.EventPublications;
import com.figmart.marketplace.shipping.CancelShipment;
import com.figmart.marketplace.shipping.ShipOrder;
import com.figmart.marketplace.shipping.ShipmentStatusChanged;

@MarketplaceModuleTest
class ShippingModuleTests {

	private final ShipmentDesk desk;
	private final JdbcClient jdbc;

	ShippingModuleTests(ShipmentDesk desk, JdbcClient jdbc) {
		this.desk = desk;
		this.jdbc = jdbc;
	}

	@Test
	void createsOneShipmentWithAValidTrackingNumberPerOrder(Scenario scenario) {
		var order = UUID.randomUUID();
		var command = new ShipOrder(order, UUID.randomUUID());
		scenario.publish(command)
				.andWaitForEventOfType(ShipmentStatusChanged.class)
				.matching(event -> event.orderId().equals(order))
				.toArriveAndVerify(event -> {
					assertThat(event.status()).isEqualTo("CREATED");
					assertThat(TrackingNumber.isValid(event.trackingNumber())).isTrue();
				});

		scenario.publish(command)
				.andWaitForStateChange(() -> new EventPublications(jdbc).pendingMentioning(order), pending -> pending == 0)
				.andVerify(pending -> assertThat(jdbc.sql("select count(*) from shipping.shipments where order_id = ?")
						.param(order).query(Long.class).single()).isEqualTo(1));
	}

	@Test
	void movesAlongItsWayAndRefusesToGoBack(Scenario scenario) {
		var order = UUID.randomUUID();
		scenario.publish(new ShipOrder(order, UUID.randomUUID())).andWaitForEventOfType(ShipmentStatusChanged.class).toArrive();
		var shipment = desk.forOrder(order);

		scenario.stimulate(() -> desk.moveTo(shipment.id(), Shipment.Status.DISPATCHED))
				.andWaitForEventOfType(ShipmentStatusChanged.class)
				.matching(ShipmentStatusChanged::dispatched)
				.toArrive();
		desk.moveTo(shipment.id(), Shipment.Status.DELIVERED);

		assertThatExceptionOfType(Shipment.InvalidShipmentTransitionException.class)
				.isThrownBy(() -> desk.moveTo(shipment.id(), Shipment.Status.CANCELLED));
	}

	@Test
	void cancelsAShipmentThatHasNotLeft(Scenario scenario) {
		var order = UUID.randomUUID();
		scenario.publish(new ShipOrder(order, UUID.randomUUID())).andWaitForEventOfType(ShipmentStatusChanged.class).toArrive();

		scenario.publish(new CancelShipment(order))
				.andWaitForStateChange(() -> desk.forOrder(order).status(), "CANCELLED"::equals)
				.andVerify(status -> assertThat(status).isEqualTo("CANCELLED"));
	}
}
