package com.figmart.marketplace.order.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets the request that placed an order wait, in this process, until the saga settles it, so that
 * checkout answers synchronously with the outcome. Only a wake-up call: the order's state is always
 * read from the database, and a request served by another instance simply waits out its time.
 */
@Component
class CheckoutOutcomes {

	private final ConcurrentMap<UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

	/** Wakes up waiters once the current transaction has committed the settled order. */
	void settled(UUID orderId) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					wakeUp(orderId);
				}
			});
		}
		else {
			wakeUp(orderId);
		}
	}

	/** Waits until {@code isSettled} holds or the order is announced settled, at most {@code timeout}. */
	void awaitSettled(UUID orderId, Duration timeout, BooleanSupplier isSettled) {
		var future = waiting.computeIfAbsent(orderId, id -> new CompletableFuture<>());
		try {
			if (!isSettled.getAsBoolean()) {
				future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (TimeoutException | ExecutionException e) {
			// answer with the order as it stands
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		finally {
			waiting.remove(orderId, future);
		}
	}

	private void wakeUp(UUID orderId) {
		var future = waiting.remove(orderId);
		if (future != null) {
			future.complete(null);
		}
	}
}
