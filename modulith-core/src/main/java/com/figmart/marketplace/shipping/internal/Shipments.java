package com.figmart.marketplace.shipping.internal;

import java.util.Optional;
import java.util.UUID;

import org.jmolecules.ddd.annotation.Repository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;

@Repository
interface Shipments extends CrudRepository<Shipment, UUID> {

	Optional<Shipment> findByOrderId(UUID orderId);

	@Query(value = "select nextval('shipping.tracking_numbers')", nativeQuery = true)
	long nextTrackingSequence();
}
