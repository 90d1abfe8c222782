package com.figmart.marketplace.shipping.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackingNumberTests {

	@Test
	void carriesACheckDigitThatCatchesATypo() {
		var number = TrackingNumber.fromSequence(42).value();

		assertThat(number).matches("FM\\d{11}").startsWith("FM0000000042");
		assertThat(TrackingNumber.isValid(number)).isTrue();
		var typo = number.substring(0, 11) + (char) ('0' + (number.charAt(11) - '0' + 1) % 10) + number.charAt(12);
		assertThat(TrackingNumber.isValid(typo)).isFalse();
	}
}
