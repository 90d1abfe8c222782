package com.figmart.marketplace.user.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import com.figmart.marketplace.MarketplaceModuleTest;
import org.springframework.modulith.test.Scenario;

import com.figmart.marketplace.user.CustomerId;
import com.figmart.marketplace.user.CustomerRegistered;
import com.figmart.marketplace.user.Region;

@MarketplaceModuleTest
class UserModuleTests {

	private final CustomerRegistry registry;

	UserModuleTests(CustomerRegistry registry) {
		this.registry = registry;
	}

	@Test
	void registeringACustomerAnnouncesIt(Scenario scenario) {
		scenario.stimulate(() -> registry.register(new EmailAddress("grace@example.com"), "Grace", Region.NA))
				.andWaitForEventOfType(CustomerRegistered.class)
				.toArriveAndVerify((event, customer) -> {
					assertThat(event.customerId().id()).isEqualTo(customer.id());
					assertThat(event.region()).isEqualTo(Region.NA);
				});
	}

	@Test
	void anEmailAddressBelongsToOneCustomerWhateverItsCase() {
		registry.register(new EmailAddress("linus@example.com"), "Linus", Region.EU);

		assertThatExceptionOfType(UserFailures.EmailAlreadyRegisteredException.class)
				.isThrownBy(() -> registry.register(new EmailAddress("LINUS@Example.com"), "Linus again", Region.EU));
	}

	@Test
	void keepsAddressesWithTheCustomer() {
		var customer = registry.register(new EmailAddress("barbara@example.com"), "Barbara", Region.EU);
		registry.addAddress(CustomerId.of(customer.id()), "home", "1 Main St", null, "Berlin", "10115", "DE");

		var reread = registry.get(CustomerId.of(customer.id()));
		assertThat(reread.addresses()).singleElement().satisfies(address -> {
			assertThat(address.city()).isEqualTo("Berlin");
			assertThat(address.line2()).isEmpty();
		});
		assertThat(registry.exists(CustomerId.of(customer.id()))).isTrue();
		assertThat(registry.exists(CustomerId.of(UUID.randomUUID()))).isFalse();
	}
}
