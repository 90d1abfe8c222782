/**
 * Shipping: a shipment with a tracking number for every confirmed order, and its way to the
 * customer. It takes {@link com.figmart.marketplace.shipping.ShipOrder} and
 * {@link com.figmart.marketplace.shipping.CancelShipment} as events, announces each step as an event,
 * and depends on no other module.
 */
@ApplicationModule(displayName = "Shipping")
@NullMarked
package com.figmart.marketplace.shipping;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
