package com.figmart.marketplace.order.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.domain.Persistable;

/**
 * A client's Idempotency-Key and the order it created. The fingerprint of the request it came with
 * tells a genuine retry (same request) from a reused key (another request). A technical record of
 * the web edge's contract, not part of the order's domain model, so it carries no DDD stereotype.
 */
@Entity
@Table(schema = "orders", name = "idempotency_keys")
class IdempotencyKey implements Persistable<String> {

	@Id
	private String key;

	private String fingerprint;
	private UUID orderId;
	private Instant createdAt;

	protected IdempotencyKey() {
	}

	IdempotencyKey(String key, String fingerprint, UUID orderId, Instant createdAt) {
		this.key = key;
		this.fingerprint = fingerprint;
		this.orderId = orderId;
		this.createdAt = createdAt;
	}

	/** Always inserted, never updated: a concurrent request with the same key fails on the primary key. */
	@Override
	public boolean isNew() {
		return true;
	}

	@Override
	public String getId() {
		return key;
	}

	boolean matches(String otherFingerprint) {
		return fingerprint.equals(otherFingerprint);
	}

	UUID orderId() {
		return orderId;
	}
}
