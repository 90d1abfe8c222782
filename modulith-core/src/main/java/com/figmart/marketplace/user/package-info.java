/**
 * User: customers with a unique e-mail address, a region and their addresses. Other modules ask
 * {@link com.figmart.marketplace.user.CustomerDirectory} whether a customer exists.
 */
@ApplicationModule(displayName = "User")
@NullMarked
package com.figmart.marketplace.user;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
