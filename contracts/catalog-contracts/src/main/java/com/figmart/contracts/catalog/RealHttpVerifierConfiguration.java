package com.figmart.contracts.catalog;

import java.net.URI;

import org.springframework.cloud.contract.verifier.http.HttpVerifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * For a provider's contract test base: the generated tests send their requests with {@link RealHttpVerifier} to
 * the application the test started on its random port ({@code local.server.port}).
 */
@Configuration(proxyBeanMethods = false)
public class RealHttpVerifierConfiguration {

	@Bean
	HttpVerifier httpVerifier(Environment environment) {
		return (request) -> new RealHttpVerifier(
				URI.create("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port")))
			.exchange(request);
	}

}
