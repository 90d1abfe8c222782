/**
 * Inventory: stock per SKU and reservations of it for orders. It takes commands
 * ({@link com.figmart.marketplace.inventory.ReserveStock}, {@link com.figmart.marketplace.inventory.CommitReservation},
 * {@link com.figmart.marketplace.inventory.ReleaseReservation}) as events and answers with events; it
 * depends on no other module. Stock never goes negative, and reservations that are never committed
 * expire and return their stock.
 */
@ApplicationModule(displayName = "Inventory")
@NullMarked
package com.figmart.marketplace.inventory;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
