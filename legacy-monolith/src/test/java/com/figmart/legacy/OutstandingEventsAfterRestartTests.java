package com.figmart.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskExecutor;

import com.figmart.platform.postgres.test.SharedTestPostgres;

/**
 * An event whose transaction committed is delivered even if the process dies before its listener
 * ran. The first run of the application accepts an order, but its listener threads never run (as if
 * the process died right after the commit); the second run, on the same database, finds the
 * outstanding publications and completes the checkout.
 */
class OutstandingEventsAfterRestartTests {

	@Test
	void aCheckoutInterruptedAfterItsCommitCompletesAfterARestart() {
		var database = SharedTestPostgres.freshDatabase();
		String orderId;

		try (var crashed = start(database, ListenersNeverRun.class)) {
			var http = crashed.http();
			var customer = http.registerCustomer("restart-" + UUID.randomUUID() + "@example.com");
			var order = http.post("/api/orders", Map.of("customerId", customer,
					"lines", List.of(Map.of("sku", "MUG-FIG", "quantity", 1)), "paymentToken", "tok_visa")).getBody();
			orderId = order.get("id").asString();

			assertThat(order.get("status").asString()).isEqualTo("PENDING");
			assertThat(crashed.outstandingPublications()).isPositive();
		}

		try (var restarted = start(database)) {
			var http = restarted.http();

			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
					http.get("/api/orders/" + orderId).getBody().get("status").asString()).isEqualTo("CONFIRMED"));
			await().atMost(Duration.ofSeconds(20)).until(() -> restarted.outstandingPublications() == 0);
			assertThat(http.get("/api/payments/" + orderId).getBody().get("status").asString()).isEqualTo("CAPTURED");
		}
	}

	private static RunningMonolith start(String database, Class<?>... extraSources) {
		return RunningMonolith.start(database, List.of(extraSources), "--figmart.order.checkout-wait=200ms");
	}

	/**
	 * Once the application is ready, accepts asynchronous listener invocations and drops them: the
	 * process "dies" after each commit. Before that it runs tasks in place, since start-up itself
	 * uses the executor (Spring Modulith builds its module model on it).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ListenersNeverRun {

		@Bean(name = { "applicationTaskExecutor", "taskExecutor" })
		DroppingExecutor applicationTaskExecutor() {
			return new DroppingExecutor();
		}

		static class DroppingExecutor implements TaskExecutor, ApplicationListener<ApplicationReadyEvent> {

			private volatile boolean ready;

			@Override
			public void execute(Runnable task) {
				if (!ready) {
					task.run();
				}
			}

			@Override
			public void onApplicationEvent(ApplicationReadyEvent event) {
				ready = true;
			}
		}
	}

}
