package com.figmart.cdc.bridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The CDC bridge: keeps a legacy and a new database in sync, in the direction of the system of record. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CdcBridgeApplication {

	public static void main(String[] args) {
		SpringApplication.run(CdcBridgeApplication.class, args);
	}
}
