/**
 * The durable home of the gateway's rules: PostgreSQL (schema {@code gateway}), one audited row per change,
 * optimistic versions, and propagation of every change to every gateway instance.
 *
 * <p>{@link com.figmart.strangler.gateway.store.RuleStore} is the published API (used by the admin API, the
 * dashboard and the guards through {@link com.figmart.strangler.gateway.AutomaticRollback}); its methods block on
 * JDBC and must be called off the event loop.
 */
package com.figmart.strangler.gateway.store;
