package com.figmart.marketplace.order.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param checkoutWait how long placing an order waits for the saga's outcome before it answers with
 *        the order still {@code PENDING}
 */
@ConfigurationProperties("figmart.order")
record OrderProperties(@DefaultValue("3s") Duration checkoutWait) {
}
