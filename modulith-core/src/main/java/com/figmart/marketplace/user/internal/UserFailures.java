package com.figmart.marketplace.user.internal;

import java.util.Map;

import com.figmart.marketplace.kernel.MarketplaceException;
import com.figmart.marketplace.user.CustomerId;

final class UserFailures {

	private UserFailures() {
	}

	static final class CustomerNotFoundException extends MarketplaceException.NotFound {
		CustomerNotFoundException(CustomerId customer) {
			super("customer-not-found", "No customer with id " + customer, Map.of("customerId", customer.toString()));
		}
	}

	static final class EmailAlreadyRegisteredException extends MarketplaceException.Conflict {
		EmailAlreadyRegisteredException(EmailAddress email) {
			super("email-taken", "A customer with e-mail " + email.value() + " is registered already",
					Map.of("field", "email"));
		}
	}

	static final class TooManyAddressesException extends MarketplaceException.Unprocessable {
		TooManyAddressesException(CustomerId customer, int limit) {
			super("too-many-addresses", "Customer " + customer + " has " + limit + " addresses already, the most allowed",
					Map.of("limit", limit));
		}
	}
}
