/**
 * Analytics: a sales projection (revenue per day and per category, top products) built from order
 * events alone. It reads no other module's tables; each event is applied once, however often it is
 * delivered.
 */
@ApplicationModule(displayName = "Analytics")
@NullMarked
package com.figmart.marketplace.analytics;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
