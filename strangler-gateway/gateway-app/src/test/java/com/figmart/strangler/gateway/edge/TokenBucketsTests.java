package com.figmart.strangler.gateway.edge;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token bucket arithmetic, on a clock the test moves by hand.
 */
class TokenBucketsTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private final TokenBuckets buckets = new TokenBuckets(3, 2, 100);

	@Test
	void letsABurstOfTheCapacityThroughThenRefuses() {
		long now = 1_000 * SECOND;
		assertThat(this.buckets.take("a", now)).isEqualTo(new TokenBuckets.Take(true, 2, 0));
		assertThat(this.buckets.take("a", now).remaining()).isEqualTo(1);
		assertThat(this.buckets.take("a", now).remaining()).isZero();
		TokenBuckets.Take refused = this.buckets.take("a", now);
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.waitNanos()).isEqualTo(SECOND / 2);
		assertThat(refused.retryAfterSeconds()).isEqualTo(1);
	}

	@Test
	void refillsAtTheConfiguredRate() {
		long now = 1_000 * SECOND;
		for (int i = 0; i < 3; i++) {
			this.buckets.take("a", now);
		}
		assertThat(this.buckets.take("a", now + SECOND / 2 - 1).allowed()).isFalse();
		assertThat(this.buckets.take("a", now + SECOND / 2).allowed()).isTrue();
		assertThat(this.buckets.take("a", now + SECOND / 2).allowed()).isFalse();
		// a long pause fills the bucket, never beyond its capacity
		assertThat(this.buckets.take("a", now + 60 * SECOND).remaining()).isEqualTo(2);
	}

	@Test
	void keepsABucketPerClient() {
		long now = 1_000 * SECOND;
		for (int i = 0; i < 3; i++) {
			this.buckets.take("a", now);
		}
		assertThat(this.buckets.take("a", now).allowed()).isFalse();
		assertThat(this.buckets.take("b", now).allowed()).isTrue();
	}

	@Test
	void roundsTheWaitUpToWholeSeconds() {
		assertThat(new TokenBuckets.Take(false, 0, 1).retryAfterSeconds()).isEqualTo(1);
		assertThat(new TokenBuckets.Take(false, 0, SECOND).retryAfterSeconds()).isEqualTo(1);
		assertThat(new TokenBuckets.Take(false, 0, SECOND + 1).retryAfterSeconds()).isEqualTo(2);
	}

}
