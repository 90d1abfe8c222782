package com.figmart.marketplace;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.modulith.test.ApplicationModuleTest;

/**
 * A module test of the marketplace: {@link ApplicationModuleTest} with asynchronous listeners run
 * on a fresh thread each.
 * <p>
 * Why: Spring Modulith's test support records published events per test through an inheritable
 * thread-local. A pooled listener thread keeps the binding of the test that created it, so events
 * it publishes during later tests would be recorded for the wrong test, and a {@code Scenario}
 * would wait for them in vain.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApplicationModuleTest
@Import(MarketplaceModuleTest.ThreadPerListenerExecutor.class)
public @interface MarketplaceModuleTest {

	@TestConfiguration(proxyBeanMethods = false)
	class ThreadPerListenerExecutor {

		@Bean(name = { "applicationTaskExecutor", "taskExecutor" })
		SimpleAsyncTaskExecutor applicationTaskExecutor() {
			return new SimpleAsyncTaskExecutor("module-test-listener-");
		}
	}
}
