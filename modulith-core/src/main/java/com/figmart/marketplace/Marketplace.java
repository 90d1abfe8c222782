package com.figmart.marketplace;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Figmart marketplace: seven bounded modules (catalog, user, inventory, order, payment,
 * shipping, analytics) and a shared kernel, each a direct sub-package of this one.
 * <p>
 * {@code legacy-monolith} runs this class as one deployable; module tests bootstrap single modules
 * from it.
 */
@Modulithic(systemName = "Figmart marketplace", sharedModules = "kernel")
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class Marketplace {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	public static void main(String[] args) {
		SpringApplication.run(Marketplace.class, args);
	}
}
