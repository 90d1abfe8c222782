package com.figmart.marketplace.catalog.internal;

/** A category with the number of active products in it. */
record CategorySummary(String category, long products) {
}
