package com.figmart.marketplace.user.internal;

import java.util.UUID;

import org.jmolecules.ddd.annotation.Repository;
import org.springframework.data.repository.CrudRepository;

@Repository
interface Customers extends CrudRepository<Customer, UUID> {

	boolean existsByEmail(String email);
}
