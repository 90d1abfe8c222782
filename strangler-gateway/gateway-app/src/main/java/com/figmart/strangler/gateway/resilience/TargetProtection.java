package com.figmart.strangler.gateway.resilience;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import java.time.Duration;

/**
 * The circuit breaker and the bulkhead of each new target, created on the target's first call. The monolith
 * has neither: it is the side every failure falls back to, so refusing calls to it would only add failures.
 */
final class TargetProtection {

	private final CircuitBreakerRegistry breakers;

	private final BulkheadRegistry bulkheads;

	TargetProtection(ResilienceProperties properties) {
		ResilienceProperties.Breaker breaker = properties.breaker();
		this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
			.slidingWindowSize((int) Math.max(1, breaker.window().toSeconds()))
			.minimumNumberOfCalls(breaker.minimumCalls())
			.failureRateThreshold(breaker.failureRateThreshold())
			.waitDurationInOpenState(breaker.waitInOpen())
			.permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
			// failures are reported by the filter itself (onError), never thrown through a decorated call
			.writableStackTraceEnabled(false)
			.build());
		this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
			.maxConcurrentCalls(properties.bulkhead().maxConcurrentCalls())
			.maxWaitDuration(Duration.ZERO)
			.build());
	}

	CircuitBreaker breaker(String target) {
		return this.breakers.circuitBreaker(target);
	}

	Bulkhead bulkhead(String target) {
		return this.bulkheads.bulkhead(target);
	}

	/** The breaker state's name, {@code CLOSED} for a target not called yet. */
	String breakerState(String target) {
		return this.breakers.find(target).map((breaker) -> breaker.getState().name()).orElse("CLOSED");
	}

}
