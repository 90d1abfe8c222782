package com.figmart.marketplace.inventory.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jmolecules.ddd.annotation.Repository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;

@Repository
interface Reservations extends CrudRepository<Reservation, UUID> {

	Optional<Reservation> findByOrderId(UUID orderId);

	@Query(value = """
			select * from inventory.reservations
			where status = 'HELD' and expires_at < :now
			order by expires_at limit :limit
			for update skip locked
			""", nativeQuery = true)
	List<Reservation> lockOverdue(Instant now, int limit);
}
