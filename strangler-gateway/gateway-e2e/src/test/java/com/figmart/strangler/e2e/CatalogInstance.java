package com.figmart.strangler.e2e;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A stand-in instance of catalog-service for {@link RegistryLoadBalancingIT}, run in a JVM of its own: a
 * real Boot app that registers with the registry through {@code registry-client}, exactly as the real
 * service does, and answers every catalog read and write with its instance name in {@value #SERVED_HEADER}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class CatalogInstance {

	static final String SERVED_HEADER = "X-Instance";

	public static void main(String[] args) {
		SpringApplication.run(CatalogInstance.class, args);
	}

	@Bean
	RouterFunction<ServerResponse> catalog(@Value("${figmart.instance-name}") String instance) {
		return RouterFunctions.route()
			.GET("/api/catalog/**", (request) -> ServerResponse.ok()
				.header(SERVED_HEADER, instance)
				.body(Map.of("instance", instance, "path", request.path())))
			.POST("/api/catalog/**", (request) -> ServerResponse.ok()
				.header(SERVED_HEADER, instance)
				.body(Map.of("instance", instance, "path", request.path(), "received", request.body(String.class))))
			.build();
	}

}
