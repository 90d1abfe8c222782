package com.figmart.strangler.gateway.resilience;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which requests may be sent again, and after which pause.
 */
class RetryBackoffTests {

	private static ResilienceProperties.Retry retry(Set<String> methods, int attempts, double jitter) {
		return new ResilienceProperties.Retry(methods, attempts, Duration.ofMillis(100), 2, jitter,
				Duration.ofSeconds(2), DataSize.ofKilobytes(64));
	}

	@Test
	void pausesGrowExponentially() {
		RetryBackoff backoff = new RetryBackoff(retry(Set.of("GET"), 4, 0), () -> 0.5);
		assertThat(backoff.pauseBefore(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(backoff.pauseBefore(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(backoff.pauseBefore(3)).isEqualTo(Duration.ofMillis(400));
	}

	@Test
	void jitterMovesAPauseByAtMostItsShare() {
		assertThat(new RetryBackoff(retry(Set.of("GET"), 3, 0.5), () -> 0.0).pauseBefore(2))
			.isEqualTo(Duration.ofMillis(100));
		assertThat(new RetryBackoff(retry(Set.of("GET"), 3, 0.5), () -> 0.999999).pauseBefore(2))
			.isBetween(Duration.ofMillis(299), Duration.ofMillis(300));
	}

	@Test
	void retriesOnlyConfiguredMethods() {
		RetryBackoff backoff = new RetryBackoff(retry(Set.of("get", "HEAD", "OPTIONS"), 3, 0.5));
		assertThat(backoff.allows("GET")).isTrue();
		assertThat(backoff.allows("OPTIONS")).isTrue();
		assertThat(backoff.allows("PUT")).isFalse();
		assertThat(backoff.allows("POST")).isFalse();
	}

	@Test
	void oneAttemptMeansNoRetries() {
		assertThat(new RetryBackoff(retry(Set.of("GET"), 1, 0.5)).allows("GET")).isFalse();
	}

	@Test
	void onlyBodiesOfKnownLengthWithinTheLimitAreKeptToBeSentAgain() {
		RetryBackoff backoff = new RetryBackoff(retry(Set.of("GET"), 3, 0.5));
		assertThat(backoff.canReplay(-1, false)).isTrue();
		assertThat(backoff.canReplay(64 * 1024, false)).isTrue();
		assertThat(backoff.canReplay(64 * 1024 + 1, false)).isFalse();
		assertThat(backoff.canReplay(-1, true)).isFalse();
	}

	@Test
	void rejectsPostAndPatchAsRetryMethods() {
		assertThatIllegalArgumentException().isThrownBy(() -> retry(Set.of("GET", "POST"), 3, 0.5))
			.withMessageContaining("POST");
		assertThatIllegalArgumentException().isThrownBy(() -> retry(Set.of("patch"), 3, 0.5))
			.withMessageContaining("PATCH");
	}

}
