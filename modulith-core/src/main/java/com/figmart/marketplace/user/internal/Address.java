package com.figmart.marketplace.user.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

import org.jmolecules.ddd.annotation.Identity;

/** A postal address of a customer, part of the customer aggregate. */
@org.jmolecules.ddd.annotation.Entity
@Entity
@Table(schema = "users", name = "addresses")
class Address {

	@Id
	@Identity
	private UUID id;

	private String label;
	private String line1;
	private String line2;
	private String city;
	private String postalCode;
	private String country;

	protected Address() {
	}

	Address(String label, String line1, String line2, String city, String postalCode, String country) {
		this.id = UUID.randomUUID();
		this.label = label;
		this.line1 = line1;
		this.line2 = line2 == null ? "" : line2;
		this.city = city;
		this.postalCode = postalCode;
		this.country = country;
	}

	AddressView toView() {
		return new AddressView(id, label, line1, line2, city, postalCode, country);
	}

	record AddressView(UUID id, String label, String line1, String line2, String city, String postalCode,
			String country) {
	}
}
