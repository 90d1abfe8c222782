package com.figmart.legacy.contracts;

import java.net.URI;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.figmart.contracts.catalog.CatalogProviderState;
import com.figmart.contracts.catalog.RealHttpVerifierConfiguration;
import com.figmart.marketplace.Marketplace;

/**
 * The base of the contract tests that Spring Cloud Contract generates from the storefront's
 * contracts: the whole monolith on a random port (no demo data) with its own database, the catalog
 * emptied and seeded with the contracts' provider state before each test, and every request sent
 * over a real socket. The same contracts run against catalog-service: the gateway may send the
 * storefront to either.
 */
@SpringBootTest(classes = { Marketplace.class, RealHttpVerifierConfiguration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "figmart.demo-data.enabled=false")
public abstract class CatalogContractBase {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void providerState() {
		jdbc.sql("truncate catalog.products").update();
		CatalogProviderState.seed(URI.create("http://127.0.0.1:" + port));
	}

}
