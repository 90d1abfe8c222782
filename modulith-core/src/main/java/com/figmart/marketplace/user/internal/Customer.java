package com.figmart.marketplace.user.internal;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;
import org.springframework.data.domain.AbstractAggregateRoot;

import com.figmart.marketplace.user.CustomerId;
import com.figmart.marketplace.user.CustomerRegistered;
import com.figmart.marketplace.user.Region;

@AggregateRoot
@Entity
@Table(schema = "users", name = "customers")
class Customer extends AbstractAggregateRoot<Customer> {

	static final int MAX_ADDRESSES = 20;

	@Id
	@Identity
	private UUID id;

	private String email;
	private String name;

	@Enumerated(EnumType.STRING)
	private Region region;

	@OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
	@JoinColumn(name = "customer_id", nullable = false)
	@OrderBy("label")
	private List<Address> addresses = new ArrayList<>();

	private Instant registeredAt;

	@Version
	private @Nullable Long version;

	protected Customer() {
	}

	Customer(EmailAddress email, String name, Region region, Instant now) {
		this.id = UUID.randomUUID();
		this.email = email.value();
		this.name = name;
		this.region = region;
		this.registeredAt = now;
		registerEvent(new CustomerRegistered(id(), region));
	}

	Address addAddress(String label, String line1, String line2, String city, String postalCode, String country) {
		if (addresses.size() >= MAX_ADDRESSES) {
			throw new UserFailures.TooManyAddressesException(id(), MAX_ADDRESSES);
		}
		var address = new Address(label, line1, line2, city, postalCode, country);
		addresses.add(address);
		return address;
	}

	CustomerId id() {
		return new CustomerId(id);
	}

	CustomerView toView() {
		return new CustomerView(id, email, name, region, addresses.stream().map(Address::toView).toList(),
				registeredAt);
	}

	record CustomerView(UUID id, String email, String name, Region region, List<Address.AddressView> addresses,
			Instant registeredAt) {
	}
}
