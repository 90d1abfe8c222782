package com.figmart.marketplace.order.internal;

import java.util.UUID;

import org.springframework.data.repository.CrudRepository;

interface Orders extends CrudRepository<Order, UUID> {
}
