package com.figmart.benchmarks.gateway;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SetupResultTests {

	private static WrkResult wrk(long requests, long p50, long p99, long errors) {
		return new WrkResult(requests, 1_000_000, p50, p50, p99, p99, p99, errors);
	}

	private static OpenLoopLoad.Result rate(long p50, long p99, long errors) {
		return new OpenLoopLoad.Result(100, 100, 100, errors, p50, p99, p99, p99, 0);
	}

	@Test
	void reportsTheMedianOfEachFigureAndTheSumOfErrors() {
		SetupResult result = SetupResult.of("gateway-1-rule",
				List.of(wrk(9000, 300, 900, 1), wrk(11000, 100, 2000, 0), wrk(10000, 200, 1000, 2)), 700,
				List.of(rate(50, 500, 0), rate(70, 700, 1), rate(60, 600, 0)));

		assertThat(result.requestsPerSecond()).isEqualTo(10000);
		assertThat(result.wrkP50Micros()).isEqualTo(200);
		assertThat(result.wrkP99Micros()).isEqualTo(1000);
		assertThat(result.wrkErrors()).isEqualTo(3);
		assertThat(result.rate()).isEqualTo(700);
		assertThat(result.rateP50Micros()).isEqualTo(60);
		assertThat(result.rateP99Micros()).isEqualTo(600);
		assertThat(result.rateErrors()).isEqualTo(1);
	}

	@Test
	void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(SetupResult.median(List.of(4.0, 1.0, 3.0, 2.0), Double::doubleValue)).isEqualTo(2.5);
	}

	@Test
	void theMedianOfNothingIsNotANumber() {
		assertThat(SetupResult.median(List.<Double>of(), Double::doubleValue)).isNaN();
		assertThat(SetupResult.medianLong(List.<Long>of(), Long::longValue)).isEqualTo(-1);
	}

}
