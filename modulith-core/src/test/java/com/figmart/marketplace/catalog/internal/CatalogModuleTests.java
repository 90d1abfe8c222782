package com.figmart.marketplace.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import com.figmart.marketplace.MarketplaceModuleTest;

import com.figmart.marketplace.catalog.ProductDetails;
import com.figmart.marketplace.kernel.Money;
import com.figmart.marketplace.kernel.Sku;

@MarketplaceModuleTest
class CatalogModuleTests {

	private final ProductCatalog catalog;

	CatalogModuleTests(ProductCatalog catalog) {
		this.catalog = catalog;
	}

	@Test
	void registersAProductOnceAndRevisesIt() {
		var sku = Sku.of("CAT-T-1");
		catalog.register(sku, details("Green tea", "Loose leaf", "4.50", "tea", true));

		assertThatExceptionOfType(CatalogFailures.SkuAlreadyTakenException.class)
				.isThrownBy(() -> catalog.register(sku, details("Other", "", "1.00", "tea", true)));

		catalog.revise(sku, details("Green tea, organic", "Loose leaf", "5.00", "tea", false));
		assertThat(catalog.findProduct(sku)).hasValueSatisfying(product -> {
			assertThat(product.name()).isEqualTo("Green tea, organic");
			assertThat(product.price()).isEqualTo(Money.of("5.00", "EUR"));
			assertThat(product.active()).isFalse();
		});
	}

	@Test
	void searchesByTextAndCategoryWithPagingAndSorting() {
		catalog.register(Sku.of("CAT-S-1"), details("Walnut desk", "Solid walnut", "400.00", "office-desks", true));
		catalog.register(Sku.of("CAT-S-2"), details("Oak desk", "A desk of oak", "300.00", "office-desks", true));
		catalog.register(Sku.of("CAT-S-3"), details("Oak shelf", "Oak, 5 boards", "90.00", "office-shelves", true));

		var oak = catalog.search("OAK", null, null, PageRequest.of(0, 10, Sort.by("price")));
		assertThat(oak.getContent()).extracting(product -> product.sku().value()).containsExactly("CAT-S-3", "CAT-S-2");

		var desks = catalog.search(null, "office-desks", true, PageRequest.of(0, 1, Sort.by("name")));
		assertThat(desks.getTotalElements()).isEqualTo(2);
		assertThat(desks.getContent()).extracting(product -> product.name()).containsExactly("Oak desk");
	}

	@Test
	void treatsLikeWildcardsInTheSearchTextLiterally() {
		catalog.register(Sku.of("CAT-W-1"), details("100% wool scarf", "", "30.00", "scarves", true));
		catalog.register(Sku.of("CAT-W-2"), details("Cotton scarf", "", "20.00", "scarves", true));

		assertThat(catalog.search("100%", "scarves", null, PageRequest.of(0, 10)).getContent())
				.extracting(product -> product.sku().value()).containsExactly("CAT-W-1");
		assertThat(catalog.search("%", "scarves", null, PageRequest.of(0, 10)).getContent()).hasSize(1);
	}

	@Test
	void unknownSkuIsNotFound() {
		assertThatExceptionOfType(CatalogFailures.ProductNotFoundException.class)
				.isThrownBy(() -> catalog.get(Sku.of("NOPE-404")));
	}

	static ProductDetails details(String name, String description, String price, String category, boolean active) {
		return new ProductDetails(name, description, Money.of(price, "EUR"), category, active);
	}
}
