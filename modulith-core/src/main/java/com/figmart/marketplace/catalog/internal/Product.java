package com.figmart.marketplace.catalog.internal;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import com.figmart.marketplace.catalog.ProductDetails;
import com.figmart.marketplace.catalog.ProductInfo;
import com.figmart.marketplace.kernel.Money;
import com.figmart.marketplace.kernel.Sku;

@AggregateRoot
@Entity
@Table(schema = "catalog", name = "products")
class Product {

	@Id
	@Identity
	private String sku;

	private String name;
	private String description;

	@Embedded
	@AttributeOverrides({ @AttributeOverride(name = "amount", column = @Column(name = "price_amount")),
			@AttributeOverride(name = "currency", column = @Column(name = "price_currency")) })
	private Money price;

	private String category;
	private boolean active;
	private Instant createdAt;
	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	protected Product() {
	}

	Product(Sku sku, ProductDetails details, Instant now) {
		this.sku = sku.value();
		this.createdAt = now;
		revise(details, now);
	}

	void revise(ProductDetails details, Instant now) {
		this.name = details.name();
		this.description = details.description();
		this.price = details.price();
		this.category = details.category();
		this.active = details.active();
		this.updatedAt = now;
	}

	Sku sku() {
		return Sku.of(sku);
	}

	ProductInfo toInfo() {
		return new ProductInfo(sku(), name, description, price, category, active);
	}
}
