package com.figmart.marketplace.payment.internal;

import java.util.Optional;
import java.util.UUID;

import org.jmolecules.ddd.annotation.Repository;
import org.springframework.data.repository.CrudRepository;

@Repository
interface Payments extends CrudRepository<Payment, UUID> {

	Optional<Payment> findByOrderId(UUID orderId);
}
