/**
 * Catalog: products with their prices and categories, and search over them. Other modules read it
 * through {@link com.figmart.marketplace.catalog.Catalog}; it depends on no other module.
 */
@ApplicationModule(displayName = "Catalog")
@NullMarked
package com.figmart.marketplace.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
