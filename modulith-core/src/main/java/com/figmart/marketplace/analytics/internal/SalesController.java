package com.figmart.marketplace.analytics.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.figmart.marketplace.kernel.MarketplaceException;

@RestController
@RequestMapping("/api/analytics/sales")
class SalesController {

	private final SalesReports reports;
	private final Clock clock;

	SalesController(SalesReports reports, Clock clock) {
		this.reports = reports;
		this.clock = clock;
	}

	/** Revenue per day, the last 30 days unless a range is given. */
	@GetMapping("/daily")
	List<SalesReports.DailySales> daily(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
		var end = to != null ? to : LocalDate.now(clock.withZone(ZoneOffset.UTC));
		var start = from != null ? from : end.minusDays(29);
		if (start.isAfter(end)) {
			throw new InvalidRangeException(start, end);
		}
		return reports.daily(start, end);
	}

	@GetMapping("/categories")
	List<SalesReports.CategorySales> categories() {
		return reports.byCategory();
	}

	@GetMapping("/top-products")
	List<SalesReports.ProductSales> topProducts(@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit) {
		return reports.topProducts(limit);
	}

	static final class InvalidRangeException extends MarketplaceException.Unprocessable {
		InvalidRangeException(LocalDate from, LocalDate to) {
			super("invalid-range", "'from' (" + from + ") is after 'to' (" + to + ")", Map.of("parameter", "from"));
		}
	}
}
