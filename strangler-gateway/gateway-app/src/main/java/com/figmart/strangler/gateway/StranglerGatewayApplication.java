package com.figmart.strangler.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The strangler-fig gateway: sits in front of the legacy monolith and, per request, lets either the
 * monolith or a new service answer, as decided by the rules of the rule engine.
 */
@SpringBootApplication
@EnableConfigurationProperties(GatewayRoutingProperties.class)
public class StranglerGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(StranglerGatewayApplication.class, args);
	}

}
