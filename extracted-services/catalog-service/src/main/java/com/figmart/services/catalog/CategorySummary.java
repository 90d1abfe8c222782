package com.figmart.services.catalog;

/** A category with the number of listed products in it. */
record CategorySummary(String category, long products) {
}
