package com.figmart.marketplace.order.internal;

import java.util.UUID;

import org.jmolecules.ddd.annotation.Repository;
import org.springframework.data.repository.CrudRepository;

@Repository
interface Carts extends CrudRepository<Cart, UUID> {
}
