package com.figmart.strangler.gateway.edge;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which request ids and {@code traceparent} values the gateway keeps.
 */
class TraceparentTests {

	@Test
	void acceptsW3cExamplesAndFutureVersions() {
		assertThat(RequestIdFilter.isValidTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isTrue();
		assertThat(RequestIdFilter.isValidTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")).isTrue();
		assertThat(RequestIdFilter.isValidTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"))
			.isTrue();
	}

	@Test
	void rejectsMalformedValues() {
		assertThat(RequestIdFilter.isValidTraceparent(null)).isFalse();
		assertThat(RequestIdFilter.isValidTraceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isFalse();
		assertThat(RequestIdFilter.isValidTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isFalse();
		assertThat(RequestIdFilter.isValidTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isFalse();
		assertThat(RequestIdFilter.isValidTraceparent("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isFalse();
		assertThat(RequestIdFilter.isValidTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x")).isFalse();
		assertThat(RequestIdFilter.isValidTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x")).isFalse();
		assertThat(RequestIdFilter.isValidTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01")).isFalse();
	}

	@Test
	void generatesVersion4Uuids() {
		for (int i = 0; i < 100; i++) {
			java.util.UUID uuid = java.util.UUID.fromString(RequestIdFilter.randomUuid());
			assertThat(uuid.version()).isEqualTo(4);
			assertThat(uuid.variant()).isEqualTo(2);
		}
	}

	@Test
	void keepsOnlyShortPlainRequestIds() {
		assertThat(RequestIdFilter.isValidRequestId("a-Z_0.9")).isTrue();
		assertThat(RequestIdFilter.isValidRequestId("x".repeat(128))).isTrue();
		assertThat(RequestIdFilter.isValidRequestId("x".repeat(129))).isFalse();
		assertThat(RequestIdFilter.isValidRequestId("")).isFalse();
		assertThat(RequestIdFilter.isValidRequestId("a b")).isFalse();
		assertThat(RequestIdFilter.isValidRequestId("a\"b")).isFalse();
		assertThat(RequestIdFilter.isValidRequestId("é")).isFalse();
	}

}
