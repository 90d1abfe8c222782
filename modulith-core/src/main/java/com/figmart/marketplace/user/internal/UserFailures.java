package com.figmart.marketplace.user.internal;

import java.util.Map;

import com.figmart.marketplace.kernel.MarketplaceException;
import com.figmart.marketplace.user.CustomerId;

final class UserFailures {

	private UserFailures() {
	}

	static final class CustomerNotFoundException extends MarketplaceException.NotFound {

		private final CustomerId customer;

		CustomerNotFoundException(CustomerId customer) {
			super("No customer with id " + customer);
			this.customer = customer;
		}

		@Override
		public String problemType() {
			return "customer-not-found";
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("customerId", customer.toString());
		}
	}

	static final class EmailAlreadyRegisteredException extends MarketplaceException.Conflict {

		EmailAlreadyRegisteredException(EmailAddress email) {
			super("A customer with e-mail " + email.value() + " is registered already");
		}

		@Override
		public String problemType() {
			return "email-taken";
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("field", "email");
		}
	}

	static final class TooManyAddressesException extends MarketplaceException.Unprocessable {

		TooManyAddressesException(CustomerId customer, int limit) {
			super("Customer " + customer + " has " + limit + " addresses already, the most allowed");
		}

		@Override
		public String problemType() {
			return "too-many-addresses";
		}
	}
}
