/**
 * Order: carts, orders and the checkout saga. The saga is orchestrated here: it sends commands as
 * events to inventory, payment and shipping (types those modules publish) and moves the order on
 * their answers, compensating when a step fails. Orders are priced from the catalog when placed.
 */
@ApplicationModule(displayName = "Order")
@NullMarked
package com.figmart.marketplace.order;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
