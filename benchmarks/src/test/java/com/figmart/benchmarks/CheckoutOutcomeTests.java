package com.figmart.benchmarks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CheckoutOutcomeTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void classifiesOrderStatusOfSuccessfulAnswers() {
		assertThat(CheckoutOutcome.ofResponse(201, "{\"id\":\"a\",\"status\":\"CONFIRMED\"}", mapper))
				.isEqualTo("confirmed");
		assertThat(CheckoutOutcome.ofResponse(201, "{\"id\":\"a\",\"status\":\"REJECTED\",\"reason\":\"x\"}", mapper))
				.isEqualTo("rejected");
		assertThat(CheckoutOutcome.ofResponse(200, "{\"status\":\"PENDING\"}", mapper)).isEqualTo("pending");
		assertThat(CheckoutOutcome.ofResponse(201, "{\"status\":\"CANCELLED\"}", mapper)).isEqualTo("status_cancelled");
	}

	@Test
	void unreadableSuccessfulAnswersAreBadResponses() {
		assertThat(CheckoutOutcome.ofResponse(201, "", mapper)).isEqualTo("bad_response");
		assertThat(CheckoutOutcome.ofResponse(201, "not json", mapper)).isEqualTo("bad_response");
		assertThat(CheckoutOutcome.ofResponse(201, "{\"id\":\"a\"}", mapper)).isEqualTo("bad_response");
		assertThat(CheckoutOutcome.ofResponse(201, "{\"status\":7}", mapper)).isEqualTo("bad_response");
		assertThat(CheckoutOutcome.ofResponse(201, "[]", mapper)).isEqualTo("bad_response");
	}

	@Test
	void nonSuccessStatusCodesAreCountedByCode() {
		assertThat(CheckoutOutcome.ofResponse(409, "{\"status\":\"CONFIRMED\"}", mapper)).isEqualTo("http_409");
		assertThat(CheckoutOutcome.ofResponse(500, "", mapper)).isEqualTo("http_500");
		assertThat(CheckoutOutcome.ofResponse(302, null, mapper)).isEqualTo("http_302");
	}

	@Test
	void classifiesExceptions() {
		assertThat(CheckoutOutcome.ofException(new HttpTimeoutException("slow"))).isEqualTo("timeout");
		assertThat(CheckoutOutcome.ofException(new HttpConnectTimeoutException("slow connect")))
				.isEqualTo("connect_error");
		assertThat(CheckoutOutcome.ofException(new ConnectException("refused"))).isEqualTo("connect_error");
		assertThat(CheckoutOutcome.ofException(new IOException("reset"))).isEqualTo("io_error");
	}

	@Test
	void sagaDecisionsAreNotRequestErrors() {
		assertThat(CheckoutOutcome.isError("confirmed")).isFalse();
		assertThat(CheckoutOutcome.isError("rejected")).isFalse();
		assertThat(CheckoutOutcome.isError("pending")).isFalse();
		assertThat(CheckoutOutcome.isError("status_cancelled")).isFalse();
		assertThat(CheckoutOutcome.isError("http_500")).isTrue();
		assertThat(CheckoutOutcome.isError("timeout")).isTrue();
		assertThat(CheckoutOutcome.isError("bad_response")).isTrue();
	}
}
