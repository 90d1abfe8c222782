/**
 * What a provider of the catalog API needs to verify the storefront's contracts
 * ({@code contracts/catalog/*.yml}) over real HTTP: an {@link org.springframework.cloud.contract.verifier.http.HttpVerifier}
 * for the generated tests, and the provider state the contracts assume.
 */
@NullMarked
package com.figmart.contracts.catalog;

import org.jspecify.annotations.NullMarked;
