package com.figmart.marketplace.user.internal;

import java.time.Clock;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.figmart.marketplace.user.CustomerDirectory;
import com.figmart.marketplace.user.CustomerId;
import com.figmart.marketplace.user.Region;
import com.figmart.marketplace.user.internal.Customer.CustomerView;
import com.figmart.marketplace.user.internal.UserFailures.CustomerNotFoundException;
import com.figmart.marketplace.user.internal.UserFailures.EmailAlreadyRegisteredException;

@Service
@Transactional(readOnly = true)
class CustomerRegistry implements CustomerDirectory {

	private final Customers customers;
	private final Clock clock;

	CustomerRegistry(Customers customers, Clock clock) {
		this.customers = customers;
		this.clock = clock;
	}

	@Override
	public boolean exists(CustomerId customer) {
		return customers.existsById(customer.id());
	}

	@Transactional
	CustomerView register(EmailAddress email, String name, Region region) {
		if (customers.existsByEmail(email.value())) {
			throw new EmailAlreadyRegisteredException(email);
		}
		try {
			return customers.save(new Customer(email, name, region, clock.instant())).toView();
		}
		catch (DataIntegrityViolationException raceWithAnotherRegistration) {
			throw new EmailAlreadyRegisteredException(email);
		}
	}

	CustomerView get(CustomerId id) {
		return find(id).toView();
	}

	@Transactional
	Address.AddressView addAddress(CustomerId id, String label, String line1, String line2, String city,
			String postalCode, String country) {
		return find(id).addAddress(label, line1, line2, city, postalCode, country).toView();
	}

	private Customer find(CustomerId id) {
		return customers.findById(id.id()).orElseThrow(() -> new CustomerNotFoundException(id));
	}
}
