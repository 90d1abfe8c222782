package com.figmart.marketplace.inventory.internal;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;
import org.jmolecules.ddd.annotation.ValueObject;

import com.figmart.marketplace.inventory.StockLine;

/**
 * Stock held for one order. A reservation that could not be made is kept as {@code REFUSED}, so a
 * repeated command finds it and does nothing.
 */
@AggregateRoot
@Entity
@Table(schema = "inventory", name = "reservations")
class Reservation {

	enum Status {
		HELD, COMMITTED, RELEASED, EXPIRED, REFUSED, RETURNED
	}

	@Id
	@Identity
	private UUID id;

	private UUID orderId;

	@Enumerated(EnumType.STRING)
	private Status status;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(schema = "inventory", name = "reservation_lines", joinColumns = @JoinColumn(name = "reservation_id"))
	private List<Line> lines = new ArrayList<>();

	private Instant createdAt;
	private Instant expiresAt;

	@Version
	private @Nullable Long version;

	protected Reservation() {
	}

	private Reservation(UUID orderId, List<StockLine> lines, Status status, Instant now, Instant expiresAt) {
		this.id = UUID.randomUUID();
		this.orderId = orderId;
		this.status = status;
		this.lines = new ArrayList<>(lines.stream().map(line -> new Line(line.sku().value(), line.quantity())).toList());
		this.createdAt = now;
		this.expiresAt = expiresAt;
	}

	static Reservation held(UUID orderId, List<StockLine> lines, Instant now, Instant expiresAt) {
		return new Reservation(orderId, lines, Status.HELD, now, expiresAt);
	}

	static Reservation refused(UUID orderId, List<StockLine> lines, Instant now) {
		return new Reservation(orderId, lines, Status.REFUSED, now, now);
	}

	boolean isHeld() {
		return status == Status.HELD;
	}

	boolean isCommitted() {
		return status == Status.COMMITTED;
	}

	void commit() {
		transition(Status.HELD, Status.COMMITTED);
	}

	void release() {
		transition(Status.HELD, Status.RELEASED);
	}

	void expire() {
		transition(Status.HELD, Status.EXPIRED);
	}

	void returnGoods() {
		transition(Status.COMMITTED, Status.RETURNED);
	}

	private void transition(Status from, Status to) {
		if (status != from) {
			throw new IllegalStateException("Reservation for order " + orderId + " is " + status + ", not " + from);
		}
		status = to;
	}

	UUID orderId() {
		return orderId;
	}

	Status status() {
		return status;
	}

	List<Line> lines() {
		return List.copyOf(lines);
	}

	@ValueObject
	@Embeddable
	record Line(@Column(name = "sku") String sku, @Column(name = "quantity") int quantity) {
	}
}
