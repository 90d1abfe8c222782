package com.figmart.marketplace.inventory.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param reservationTimeToLive how long held stock waits for its order to be confirmed
 * @param expiryBatchSize how many overdue reservations one sweep releases at most
 */
@ConfigurationProperties("figmart.inventory")
record InventoryProperties(@DefaultValue("15m") Duration reservationTimeToLive,
		@DefaultValue("100") int expiryBatchSize) {
}
