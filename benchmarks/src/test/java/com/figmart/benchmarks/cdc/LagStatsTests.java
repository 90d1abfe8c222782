package com.figmart.benchmarks.cdc;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LagStatsTests {

	private static final long START = 1_700_000_000_000_000L;

	/** {@code rows} rows written 1 ms apart, each applied {@code lag(i)} µs later. */
	private static LagStats rows(int rows, java.util.function.IntToLongFunction lag) {
		long[] written = new long[rows];
		long[] applied = new long[rows];
		for (int i = 0; i < rows; i++) {
			written[i] = START + i * 1000L;
			applied[i] = written[i] + lag.applyAsLong(i);
		}
		return LagStats.of(written, applied, Duration.ofSeconds(1));
	}

	@Test
	void percentilesOfTheLagPerRow() {
		LagStats stats = rows(1000, (i) -> (i < 990) ? 2_000 : 50_000);

		assertThat(stats.rows()).isEqualTo(1000);
		assertThat(stats.missing()).isZero();
		assertThat(stats.p50Micros()).isBetween(2_000L, 2_002L);
		assertThat(stats.p99Micros()).isBetween(2_000L, 2_002L);
		assertThat(stats.p999Micros()).isBetween(50_000L, 50_050L);
		assertThat(stats.maxMicros()).isEqualTo(50_000);
	}

	@Test
	void aMissingRowIsCountedAndLeftOutOfThePercentilesAndTheLagIsNotBounded() {
		long[] written = { START, START + 1000, START + 2000 };
		long[] applied = { START + 500, Long.MIN_VALUE, START + 2500 };

		LagStats stats = LagStats.of(written, applied, Duration.ofSeconds(1));

		assertThat(stats.rows()).isEqualTo(3);
		assertThat(stats.missing()).isEqualTo(1);
		assertThat(stats.maxMicros()).isEqualTo(500);
		assertThat(stats.bounded()).isFalse();
	}

	@Test
	void holesInTheIdRangeAreNotRows() {
		long[] written = { START, Long.MIN_VALUE, START + 2000 };
		long[] applied = { START + 100, Long.MIN_VALUE, START + 2100 };

		LagStats stats = LagStats.of(written, applied, Duration.ofSeconds(1));

		assertThat(stats.rows()).isEqualTo(2);
		assertThat(stats.missing()).isZero();
	}

	@Test
	void aLevelLagIsBoundedAndAGrowingOneIsNot() {
		LagStats level = rows(10_000, (i) -> 3_000 + (i % 7) * 1_000);
		LagStats growing = rows(10_000, (i) -> i * 20L);

		assertThat(level.windowP99Micros()).hasSize(10);
		assertThat(level.bounded()).isTrue();
		// 10 s written, 1 s windows: the backlog grows by 20 ms per second of writing.
		assertThat(growing.windowP99Micros()).hasSize(10).isSorted();
		assertThat(growing.windowP99Micros().get(9)).isGreaterThan(190_000);
		assertThat(growing.bounded()).isFalse();
	}

	@Test
	void aShortTrailingPartJoinsTheLastWindow() {
		LagStats stats = rows(2_300, (i) -> 1_000);

		assertThat(stats.windowP99Micros()).hasSize(2);
		assertThat(Arrays.stream(new long[] { stats.rows() }).sum()).isEqualTo(2_300);
	}

}
