package com.figmart.marketplace.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;


import org.junit.jupiter.api.Test;

class MoneyTests {

	@Test
	void carriesExactlyTheDecimalsOfItsCurrency() {
		assertThat(Money.of("12.5", "EUR").amount()).isEqualByComparingTo("12.50").hasToString("12.50");
		assertThat(Money.of("1200", "JPY").amount()).hasToString("1200");
	}

	@Test
	void rejectsMoreDecimalsThanTheCurrencyHasAndNegativeAmounts() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1.005", "EUR")).withMessageContaining("2 decimals");
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("-1", "EUR")).withMessageContaining("negative");
	}

	@Test
	void addsAndMultipliesWithinOneCurrencyOnly() {
		assertThat(Money.of("12.00", "EUR").times(3).plus(Money.of("0.99", "EUR"))).isEqualTo(Money.of("36.99", "EUR"));
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")));
	}

	@Test
	void skuIsCaseInsensitiveAndValidated() {
		assertThat(Sku.of("mug-fig")).isEqualTo(Sku.of("MUG-FIG"));
		assertThatIllegalArgumentException().isThrownBy(() -> Sku.of("x"));
		assertThatIllegalArgumentException().isThrownBy(() -> Sku.of("BAD SKU"));
	}
}
