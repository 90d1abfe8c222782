/**
 * Resilience at the edge and automatic rollback: a circuit breaker and a bulkhead per new target, a timeout
 * per rule, retries of idempotent requests, the fallback of failed GET and HEAD requests to the monolith,
 * traffic figures per rule and side ({@link com.figmart.strangler.gateway.resilience.TrafficMonitor}), and the
 * guards that send a rule back to LEGACY through {@link com.figmart.strangler.gateway.AutomaticRollback} when
 * its new target breaks the rule's objective.
 */
@NullMarked
package com.figmart.strangler.gateway.resilience;

import org.jspecify.annotations.NullMarked;
