/**
 * Payment: authorises, captures and refunds the payment of an order through a payment provider.
 * The built-in provider is deterministic and its decline rules are configuration. It takes commands
 * as events and answers with events; it depends on no other module.
 */
@ApplicationModule(displayName = "Payment")
@NullMarked
package com.figmart.marketplace.payment;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
