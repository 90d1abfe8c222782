package com.figmart.platform.postgres.test;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives every Spring test context its own empty database on the {@link SharedTestPostgres shared
 * server}. Test classes with the same configuration share a cached context and so its database,
 * as Spring's test context caching intends; different configurations never see each other's rows.
 * <p>
 * Registered in {@code META-INF/spring.factories}; active wherever this jar is on the test class path.
 */
public class FreshDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

	private static final ContextCustomizer FRESH_DATABASE = new FreshDatabase();

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		SharedTestPostgres.server();
		return FRESH_DATABASE;
	}

	private static final class FreshDatabase implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("freshTestDatabase",
					Map.of("spring.datasource.url", SharedTestPostgres.freshDatabase())));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof FreshDatabase;
		}

		@Override
		public int hashCode() {
			return FreshDatabase.class.hashCode();
		}
	}
}
