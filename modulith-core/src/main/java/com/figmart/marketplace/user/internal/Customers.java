package com.figmart.marketplace.user.internal;

import java.util.UUID;

import org.springframework.data.repository.CrudRepository;

interface Customers extends CrudRepository<Customer, UUID> {

	boolean existsByEmail(String email);
}
