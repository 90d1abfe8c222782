/**
 * catalog-service: the catalog taken out of the monolith. Products are documents in its own
 * database ({@code catalog_service}, schema {@code catalog}), searched with PostgreSQL full-text
 * search, behind the same REST contract as the monolith's catalog endpoints.
 */
@NullMarked
package com.figmart.services.catalog;

import org.jspecify.annotations.NullMarked;
