package com.figmart.marketplace.user.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.figmart.marketplace.user.CustomerId;
import com.figmart.marketplace.user.Region;
import com.figmart.marketplace.user.internal.Customer.CustomerView;

@RestController
@RequestMapping("/api/customers")
class CustomerController {

	private final CustomerRegistry registry;

	CustomerController(CustomerRegistry registry) {
		this.registry = registry;
	}

	@PostMapping
	ResponseEntity<CustomerView> register(@Valid @RequestBody Registration request) {
		var customer = registry.register(new EmailAddress(request.email()), request.name().trim(), request.region());
		var location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
				.buildAndExpand(customer.id()).toUri();
		return ResponseEntity.created(location).body(customer);
	}

	@GetMapping("/{id}")
	CustomerView customer(@PathVariable UUID id) {
		return registry.get(CustomerId.of(id));
	}

	@PostMapping("/{id}/addresses")
	ResponseEntity<Address.AddressView> addAddress(@PathVariable UUID id, @Valid @RequestBody NewAddress request) {
		var address = registry.addAddress(CustomerId.of(id), request.label(), request.line1(), request.line2(),
				request.city(), request.postalCode(), request.country());
		return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri().build().toUri()).body(address);
	}

	record Registration(@NotBlank @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+") @Size(max = 254) @Nullable String email,
			@NotBlank @Size(max = 200) @Nullable String name, @NotNull @Nullable Region region) {
	}

	record NewAddress(@NotBlank @Size(max = 40) @Nullable String label, @NotBlank @Size(max = 200) @Nullable String line1,
			@Size(max = 200) @Nullable String line2, @NotBlank @Size(max = 100) @Nullable String city,
			@NotBlank @Size(max = 20) @Nullable String postalCode,
			@NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 code such as DE") @Nullable String country) {
	}
}
