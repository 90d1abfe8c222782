package com.figmart.marketplace.order.internal;

import org.springframework.data.repository.CrudRepository;

interface IdempotencyKeys extends CrudRepository<IdempotencyKey, String> {
}
