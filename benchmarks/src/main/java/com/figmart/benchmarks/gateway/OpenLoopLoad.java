package com.figmart.benchmarks.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.figmart.benchmarks.LatencyHistogram;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * An open-loop load driver: sends GET requests at a fixed rate, whatever the server's speed, and measures each
 * latency from the moment the request was <em>due</em>, not from when it was actually sent.
 * <p>
 * wrk is closed-loop: each connection waits for an answer before it sends again, so a slower server is offered
 * less load and its latencies are not comparable with a faster one's. Here every configuration gets the same
 * schedule, and a request that had to wait for a free connection counts its wait (no coordinated omission).
 * Connections come from a pool that grows up to {@code maxConnections}.
 */
final class OpenLoopLoad {

	private final HttpClient client;

	private final ConnectionProvider connections;

	private final LoopResources loops;

	OpenLoopLoad(int maxConnections) {
		this.connections = ConnectionProvider.builder("open-loop")
			.maxConnections(maxConnections)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofSeconds(30))
			.maxIdleTime(Duration.ofSeconds(20))
			.build();
		// Two event loops: enough for tens of thousands of requests per second, and few threads to take CPU
		// from the server under test.
		this.loops = LoopResources.create("open-loop", 2, true);
		this.client = HttpClient.create(connections).runOn(loops).responseTimeout(Duration.ofSeconds(10));
	}

	/**
	 * Sends {@code rate} requests per second to {@code uri} for {@code warmup + duration}; only requests due
	 * after the warm-up are measured. Returns once every measured request has been answered or failed.
	 */
	Result run(URI uri, double rate, Duration warmup, Duration duration) throws InterruptedException {
		if (rate <= 0) {
			throw new IllegalArgumentException("rate must be positive, was " + rate);
		}
		LatencyHistogram histogram = new LatencyHistogram(TimeUnit.MINUTES.toMicros(2));
		AtomicLong errors = new AtomicLong();
		AtomicLong outstanding = new AtomicLong(1);
		CountDownLatch done = new CountDownLatch(1);
		String target = uri.toString();
		double intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
		long measureFrom = start + warmup.toNanos();
		long end = measureFrom + duration.toNanos();
		long sent = 0;
		long maxLag = 0;
		for (long n = 0;; n++) {
			long due = start + (long) (n * intervalNanos);
			if (due >= end) {
				break;
			}
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			boolean measured = due >= measureFrom;
			if (measured) {
				maxLag = Math.max(maxLag, System.nanoTime() - due);
				sent++;
				outstanding.incrementAndGet();
			}
			client.get()
				.uri(target)
				.responseSingle((response, body) -> body.asByteArray()
					.defaultIfEmpty(new byte[0])
					.map((bytes) -> response.status().code()))
				.onErrorResume((ex) -> Mono.just(-1))
				.subscribe((status) -> {
					if (!measured) {
						return;
					}
					long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - due);
					synchronized (histogram) {
						histogram.record(micros);
					}
					if (status < 200 || status >= 300) {
						errors.incrementAndGet();
					}
					if (outstanding.decrementAndGet() == 0) {
						done.countDown();
					}
				});
		}
		if (outstanding.decrementAndGet() == 0) {
			done.countDown();
		}
		if (!done.await(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException(outstanding.get() + " requests to " + uri + " still unanswered after 30 s");
		}
		double seconds = duration.toNanos() / 1e9;
		synchronized (histogram) {
			return new Result(rate, sent / seconds, histogram.totalCount(), errors.get(),
					histogram.valueAtPercentile(50), histogram.valueAtPercentile(99), histogram.valueAtPercentile(99.9),
					histogram.max(), TimeUnit.NANOSECONDS.toMicros(maxLag));
		}
	}

	void close() {
		connections.disposeLater().block(Duration.ofSeconds(10));
		loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
	}

	/**
	 * One fixed-rate run.
	 * @param targetRate requests per second asked for
	 * @param sentRate requests per second actually scheduled in the measured window
	 * @param p50Micros median latency from the due time, µs (likewise {@code p99Micros}, {@code p999Micros},
	 * {@code maxMicros})
	 * @param maxSendLagMicros how late the driver sent its most delayed request: a large value means the driver
	 * itself did not get the CPU in time (the latencies include that delay)
	 */
	record Result(double targetRate, double sentRate, long requests, long errors, long p50Micros, long p99Micros,
			long p999Micros, long maxMicros, long maxSendLagMicros) {
	}

}
