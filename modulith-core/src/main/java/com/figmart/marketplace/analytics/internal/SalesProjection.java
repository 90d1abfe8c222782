package com.figmart.marketplace.analytics.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.figmart.marketplace.order.OrderCancelled;
import com.figmart.marketplace.order.OrderConfirmed;
import com.figmart.marketplace.order.OrderLine;

/**
 * Folds confirmed and cancelled orders into the sales tables. A processed-event log keyed by the
 * event (kind and order id) makes each handler idempotent: the insert into the log and the update
 * of the figures share one transaction, and a repeated delivery finds its key and stops.
 * <p>
 * Sales count on the day (UTC) the order was confirmed; a cancellation takes them off that day.
 */
@Component
class SalesProjection {

	private final JdbcClient jdbc;

	SalesProjection(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(OrderConfirmed event) {
		if (firstDelivery("order-confirmed:" + event.orderId())) {
			apply(event.confirmedAt(), event.total().currency().getCurrencyCode(), event.lines(), 1);
		}
	}

	@ApplicationModuleListener
	void on(OrderCancelled event) {
		if (firstDelivery("order-cancelled:" + event.orderId())) {
			apply(event.confirmedAt(), event.total().currency().getCurrencyCode(), event.lines(), -1);
		}
	}

	private boolean firstDelivery(String eventKey) {
		return jdbc.sql("insert into analytics.processed_events (event_key, processed_at) values (?, now()) "
				+ "on conflict do nothing").param(eventKey).update() == 1;
	}

	private void apply(Instant at, String currency, java.util.List<OrderLine> lines, int sign) {
		var day = LocalDate.ofInstant(at, ZoneOffset.UTC);
		var revenue = lines.stream().map(line -> line.lineTotal().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
		jdbc.sql("""
				insert into analytics.daily_sales (day, currency, orders, revenue) values (?, ?, ?, ?)
				on conflict (day, currency) do update
				set orders = daily_sales.orders + excluded.orders, revenue = daily_sales.revenue + excluded.revenue
				""").params(day, currency, sign, revenue.multiply(BigDecimal.valueOf(sign))).update();
		for (var line : lines) {
			var amount = line.lineTotal().amount().multiply(BigDecimal.valueOf(sign));
			var units = line.quantity() * sign;
			jdbc.sql("""
					insert into analytics.category_sales (category, currency, units, revenue) values (?, ?, ?, ?)
					on conflict (category, currency) do update
					set units = category_sales.units + excluded.units, revenue = category_sales.revenue + excluded.revenue
					""").params(line.category(), currency, units, amount).update();
			jdbc.sql("""
					insert into analytics.product_sales (sku, currency, name, category, units, revenue) values (?, ?, ?, ?, ?, ?)
					on conflict (sku, currency) do update
					set units = product_sales.units + excluded.units, revenue = product_sales.revenue + excluded.revenue,
					    name = excluded.name, category = excluded.category
					""").params(line.sku().value(), currency, line.name(), line.category(), units, amount).update();
		}
	}
}
