package com.figmart.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTests {

	private static final long HOUR_MICROS = 3_600_000_000L;

	@Test
	void emptyHistogramReportsZeros() {
		LatencyHistogram histogram = new LatencyHistogram(HOUR_MICROS);

		assertThat(histogram.totalCount()).isZero();
		assertThat(histogram.valueAtPercentile(50)).isZero();
		assertThat(histogram.valueAtPercentile(100)).isZero();
		assertThat(histogram.min()).isZero();
		assertThat(histogram.max()).isZero();
		assertThat(histogram.mean()).isZero();
	}

	@Test
	void smallValuesAreExact() {
		LatencyHistogram histogram = new LatencyHistogram(HOUR_MICROS);
		for (long value = 1; value <= 100; value++) {
			histogram.record(value);
		}

		assertThat(histogram.valueAtPercentile(50)).isEqualTo(50);
		assertThat(histogram.valueAtPercentile(90)).isEqualTo(90);
		assertThat(histogram.valueAtPercentile(99)).isEqualTo(99);
		assertThat(histogram.valueAtPercentile(100)).isEqualTo(100);
		assertThat(histogram.valueAtPercentile(0)).isEqualTo(1);
		assertThat(histogram.mean()).isEqualTo(50.5);
	}

	@Test
	void percentileRankRoundsUp() {
		LatencyHistogram histogram = new LatencyHistogram(HOUR_MICROS);
		histogram.record(10);
		histogram.record(20);
		histogram.record(30);

		// rank ceil(0.5 * 3) = 2
		assertThat(histogram.valueAtPercentile(50)).isEqualTo(20);
		// rank ceil(0.34 * 3) = 2, rank ceil(0.33 * 3) = 1
		assertThat(histogram.valueAtPercentile(34)).isEqualTo(20);
		assertThat(histogram.valueAtPercentile(33)).isEqualTo(10);
	}

	@Test
	void largeValuesStayWithinATenthOfAPercent() {
		LatencyHistogram histogram = new LatencyHistogram(HOUR_MICROS);
		for (long value = 1; value <= 1_000_000; value++) {
			histogram.record(value * 7);
		}

		assertThat(histogram.totalCount()).isEqualTo(1_000_000);
		assertThat((double) histogram.valueAtPercentile(50)).isCloseTo(3_500_000, within(3_500.0));
		assertThat(histogram.valueAtPercentile(50)).isGreaterThanOrEqualTo(3_500_000);
		assertThat((double) histogram.valueAtPercentile(90)).isCloseTo(6_300_000, within(6_300.0));
		assertThat((double) histogram.valueAtPercentile(99)).isCloseTo(6_930_000, within(6_930.0));
		assertThat(histogram.valueAtPercentile(100)).isEqualTo(7_000_000);
		assertThat(histogram.max()).isEqualTo(7_000_000);
		assertThat(histogram.min()).isEqualTo(7);
	}

	@Test
	void tailIsSeenAtHighPercentilesOnly() {
		LatencyHistogram histogram = new LatencyHistogram(HOUR_MICROS);
		for (int i = 0; i < 990; i++) {
			histogram.record(5_000);
		}
		for (int i = 0; i < 10; i++) {
			histogram.record(2_000_000);
		}

		assertThat((double) histogram.valueAtPercentile(50)).isCloseTo(5_000, within(5.0));
		assertThat((double) histogram.valueAtPercentile(99)).isCloseTo(5_000, within(5.0));
		assertThat((double) histogram.valueAtPercentile(99.1)).isCloseTo(2_000_000, within(2_000.0));
		assertThat(histogram.max()).isEqualTo(2_000_000);
	}

	@Test
	void slotsAreContiguousAndBoundTheirValues() {
		for (int index = 1; index < LatencyHistogram.indexOf(HOUR_MICROS); index++) {
			assertThat(LatencyHistogram.lowestEquivalentValue(index))
					.isEqualTo(LatencyHistogram.highestEquivalentValue(index - 1) + 1);
		}
		for (long value : new long[] { 0, 1, 2047, 2048, 2049, 4095, 4096, 123_456, 987_654_321L, HOUR_MICROS }) {
			int index = LatencyHistogram.indexOf(value);
			assertThat(LatencyHistogram.lowestEquivalentValue(index)).isLessThanOrEqualTo(value);
			assertThat(LatencyHistogram.highestEquivalentValue(index)).isGreaterThanOrEqualTo(value);
			double width = LatencyHistogram.highestEquivalentValue(index) - LatencyHistogram.lowestEquivalentValue(index);
			assertThat(width).isLessThanOrEqualTo(Math.max(0, value / 1024.0));
		}
	}

	@Test
	void valuesAboveTheRangeAreClampedButTheMaximumIsExact() {
		LatencyHistogram histogram = new LatencyHistogram(10_000);
		histogram.record(100);
		histogram.record(50_000);
		histogram.record(60_000);

		assertThat(histogram.max()).isEqualTo(60_000);
		assertThat(histogram.valueAtPercentile(100)).isEqualTo(60_000);
		// rank 2 lies in the slot of the highest trackable value
		assertThat(histogram.valueAtPercentile(50)).isBetween(10_000L, 10_010L);
		assertThat(histogram.valueAtPercentile(33)).isEqualTo(100);
	}

	@Test
	void addMergesCountsMinMaxAndMean() {
		LatencyHistogram first = new LatencyHistogram(HOUR_MICROS);
		LatencyHistogram second = new LatencyHistogram(HOUR_MICROS);
		for (long value = 1; value <= 50; value++) {
			first.record(value);
		}
		for (long value = 51; value <= 100; value++) {
			second.record(value);
		}

		first.add(second);

		assertThat(first.totalCount()).isEqualTo(100);
		assertThat(first.min()).isEqualTo(1);
		assertThat(first.max()).isEqualTo(100);
		assertThat(first.valueAtPercentile(50)).isEqualTo(50);
		assertThat(first.valueAtPercentile(75)).isEqualTo(75);
		assertThat(first.mean()).isEqualTo(50.5);
	}

	@Test
	void rejectsNegativeValuesAndBadPercentiles() {
		LatencyHistogram histogram = new LatencyHistogram(HOUR_MICROS);

		assertThatIllegalArgumentException().isThrownBy(() -> histogram.record(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> histogram.valueAtPercentile(100.5));
		assertThatIllegalArgumentException().isThrownBy(() -> histogram.valueAtPercentile(-1));
		assertThatIllegalArgumentException()
				.isThrownBy(() -> histogram.add(new LatencyHistogram(HOUR_MICROS / 2)));
	}
}
