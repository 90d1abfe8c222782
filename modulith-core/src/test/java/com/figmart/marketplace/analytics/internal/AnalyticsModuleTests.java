package com.figmart.marketplace.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import com.figmart.marketplace.MarketplaceModuleTest;
import org.springframework.modulith.test.Scenario;

import com.figmart.marketplace.EventPublications;
import com.figmart.marketplace.kernel.Money;
import com.figmart.marketplace.kernel.Sku;
import com.figmart.marketplace.order.OrderCancelled;
import com.figmart.marketplace.order.OrderConfirmed;
import com.figmart.marketplace.order.OrderId;
import com.figmart.marketplace.order.OrderLine;
import com.figmart.marketplace.user.CustomerId;

@MarketplaceModuleTest
class AnalyticsModuleTests {

	static final Instant NEW_YEAR = Instant.parse("2031-01-01T10:00:00Z");
	static final Instant MIDSUMMER = Instant.parse("2031-06-21T10:00:00Z");

	private final SalesReports reports;
	private final JdbcClient jdbc;

	AnalyticsModuleTests(SalesReports reports, JdbcClient jdbc) {
		this.reports = reports;
		this.jdbc = jdbc;
	}

	@Test
	void countsAConfirmedOrderOnceHoweverOftenItIsDelivered(Scenario scenario) {
		var confirmed = confirmed(NEW_YEAR, List.of(line("ANA-TEA", "tea", 2, "4.50"), line("ANA-POT", "teaware", 1, "30.00")));

		scenario.publish(confirmed)
				.andWaitForStateChange(() -> reports.daily(day(), day()), days -> !days.isEmpty())
				.andVerify(days -> assertThat(days).singleElement().satisfies(sales -> {
					assertThat(sales.orders()).isEqualTo(1);
					assertThat(sales.revenue()).isEqualByComparingTo("39.00");
				}));

		scenario.publish(confirmed)
				.andWaitForStateChange(() -> new EventPublications(jdbc).pendingMentioning(confirmed.orderId()), pending -> pending == 0)
				.andVerify(pending -> {
					assertThat(reports.daily(day(), day())).singleElement()
							.satisfies(sales -> assertThat(sales.revenue()).isEqualByComparingTo("39.00"));
					assertThat(reports.topProducts(10)).extracting(SalesReports.ProductSales::sku).containsSubsequence("ANA-POT", "ANA-TEA");
				});
	}

	@Test
	void aCancellationTakesTheSaleOffTheDayItWasMade(Scenario scenario) {
		var lines = List.of(line("ANA-CUP", "cups", 3, "5.00"));
		var confirmed = confirmed(MIDSUMMER, lines);
		scenario.publish(confirmed)
				.andWaitForStateChange(() -> categoryUnits("cups"), units -> units == 3).andVerify(units -> { });

		scenario.publish(new OrderCancelled(confirmed.orderId(), lines, confirmed.total(), MIDSUMMER, MIDSUMMER.plusSeconds(86_400)))
				.andWaitForStateChange(() -> categoryUnits("cups"), units -> units == 0)
				.andVerify(units -> assertThat(reports.daily(day(MIDSUMMER), day(MIDSUMMER))).singleElement()
						.satisfies(sales -> assertThat(sales.orders()).isZero()));
	}

	private long categoryUnits(String category) {
		return reports.byCategory().stream().filter(sales -> sales.category().equals(category))
				.mapToLong(SalesReports.CategorySales::units).sum();
	}

	private static OrderConfirmed confirmed(Instant at, List<OrderLine> lines) {
		var total = lines.stream().map(OrderLine::lineTotal).reduce(Money::plus).orElseThrow();
		return new OrderConfirmed(OrderId.of(UUID.randomUUID()), CustomerId.of(UUID.randomUUID()), lines, total, at);
	}

	private static OrderLine line(String sku, String category, int quantity, String price) {
		return new OrderLine(Sku.of(sku), sku.toLowerCase(), category, quantity, Money.of(price, "EUR"));
	}

	private static LocalDate day() {
		return day(NEW_YEAR);
	}

	private static LocalDate day(Instant at) {
		return LocalDate.ofInstant(at, java.time.ZoneOffset.UTC);
	}
}
