package com.figmart.marketplace.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import com.figmart.marketplace.MarketplaceModuleTest;
import org.springframework.modulith.test.Scenario;

import com.figmart.marketplace.EventPublications;
import com.figmart.marketplace.kernel.Money;
import com.figmart.marketplace.payment.AuthorizePayment;
import com.figmart.marketplace.payment.CapturePayment;
import com.figmart.marketplace.payment.PaymentAuthorized;
import com.figmart.marketplace.payment.PaymentCaptured;
import com.figmart.marketplace.payment.PaymentDeclined;
import com.figmart.marketplace.payment.PaymentRefunded;
import com.figmart.marketplace.payment.RefundPayment;

@MarketplaceModuleTest
class PaymentModuleTests {

	private final PaymentProcessing payments;
	private final JdbcClient jdbc;

	PaymentModuleTests(PaymentProcessing payments, JdbcClient jdbc) {
		this.payments = payments;
		this.jdbc = jdbc;
	}

	@Test
	void authorisesAnOrdinaryPayment(Scenario scenario) {
		var order = UUID.randomUUID();
		scenario.publish(new AuthorizePayment(order, Money.of("99.00", "EUR"), "tok_visa"))
				.andWaitForEventOfType(PaymentAuthorized.class)
				.matching(event -> event.orderId().equals(order))
				.toArriveAndVerify(event -> assertThat(event.authorizationCode()).startsWith("AUTH-"));
	}

	@Test
	void declinesADeclinedCardToken(Scenario scenario) {
		var order = UUID.randomUUID();
		scenario.publish(new AuthorizePayment(order, Money.of("5.00", "EUR"), "tok_declined"))
				.andWaitForEventOfType(PaymentDeclined.class)
				.matching(event -> event.orderId().equals(order))
				.toArriveAndVerify(event -> assertThat(payments.paymentOf(order).status()).isEqualTo("DECLINED"));
	}

	@Test
	void declinesAmountsAboveTheConfiguredLimit(Scenario scenario) {
		var order = UUID.randomUUID();
		scenario.publish(new AuthorizePayment(order, Money.of("10000.01", "EUR"), "tok_visa"))
				.andWaitForEventOfType(PaymentDeclined.class)
				.matching(event -> event.orderId().equals(order))
				.toArriveAndVerify(event -> assertThat(event.reason()).contains("above the limit"));
	}

	@Test
	void capturesOnConfirmationAndRefundsOnCancellation(Scenario scenario) {
		var order = UUID.randomUUID();
		scenario.publish(new AuthorizePayment(order, Money.of("20.00", "EUR"), "tok_visa"))
				.andWaitForEventOfType(PaymentAuthorized.class).matching(event -> event.orderId().equals(order)).toArrive();
		scenario.publish(new CapturePayment(order))
				.andWaitForEventOfType(PaymentCaptured.class).matching(event -> event.orderId().equals(order)).toArrive();
		scenario.publish(new RefundPayment(order))
				.andWaitForEventOfType(PaymentRefunded.class)
				.matching(event -> event.orderId().equals(order))
				.toArriveAndVerify(event -> {
					assertThat(event.amount()).isEqualTo(Money.of("20.00", "EUR"));
					assertThat(payments.paymentOf(order).status()).isEqualTo("REFUNDED");
				});
	}

	@Test
	void aRepeatedAuthorisationChargesOnce(Scenario scenario) {
		var order = UUID.randomUUID();
		var command = new AuthorizePayment(order, Money.of("10.00", "EUR"), "tok_visa");
		scenario.publish(command).andWaitForEventOfType(PaymentAuthorized.class).matching(event -> event.orderId().equals(order)).toArrive();
		var first = payments.paymentOf(order);

		scenario.publish(command)
				.andWaitForStateChange(() -> new EventPublications(jdbc).pendingMentioning(order), pending -> pending == 0)
				.andVerify(pending -> {
					assertThat(payments.paymentOf(order).id()).isEqualTo(first.id());
					assertThat(jdbc.sql("select count(*) from payment.payments where order_id = ?").param(order)
							.query(Long.class).single()).isEqualTo(1);
				});
	}
}
