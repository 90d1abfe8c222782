package com.figmart.marketplace.analytics.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the sales projection. */
@Component
class SalesReports {

	private final JdbcClient jdbc;

	SalesReports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record DailySales(LocalDate day, String currency, long orders, BigDecimal revenue) {
	}

	record CategorySales(String category, String currency, long units, BigDecimal revenue) {
	}

	record ProductSales(String sku, String name, String category, String currency, long units, BigDecimal revenue) {
	}

	List<DailySales> daily(LocalDate from, LocalDate to) {
		return jdbc.sql("select day, currency, orders, revenue from analytics.daily_sales "
				+ "where day between ? and ? order by day, currency").params(from, to).query(DailySales.class).list();
	}

	List<CategorySales> byCategory() {
		return jdbc.sql("select category, currency, units, revenue from analytics.category_sales "
				+ "order by revenue desc, category").query(CategorySales.class).list();
	}

	List<ProductSales> topProducts(int limit) {
		return jdbc.sql("select sku, name, category, currency, units, revenue from analytics.product_sales "
				+ "where units > 0 order by revenue desc, sku limit ?").param(limit).query(ProductSales.class).list();
	}
}
