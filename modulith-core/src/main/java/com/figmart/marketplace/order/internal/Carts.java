package com.figmart.marketplace.order.internal;

import java.util.UUID;

import org.springframework.data.repository.CrudRepository;

interface Carts extends CrudRepository<Cart, UUID> {
}
