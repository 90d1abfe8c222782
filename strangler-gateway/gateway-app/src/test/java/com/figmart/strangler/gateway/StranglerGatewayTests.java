package com.figmart.strangler.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.figmart.strangler.rules.CanaryAssignment;
import com.figmart.strangler.rules.Mode;
import com.figmart.strangler.rules.RouteRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway over real sockets, in front of two real HTTP servers standing in for the monolith and a new
 * service.
 */
// Routing, not the edge, is tested here: anonymous calls to /api/orders and with X-Figmart-Target, and 1,400
// quick requests from one address
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "figmart.gateway.security.enabled=false", "figmart.gateway.rate-limit.enabled=false" })
class StranglerGatewayTests {

	private static final String NEW_TARGET = "new-service";

	private static EchoServer legacy;

	private static EchoServer modern;

	@LocalServerPort
	private int port;

	@Autowired
	private LiveRules rules;

	private WebTestClient client;

	@DynamicPropertySource
	static void gatewayProperties(DynamicPropertyRegistry registry) {
		legacy = EchoServer.start("legacy");
		modern = EchoServer.start(NEW_TARGET);
		registry.add("figmart.gateway.legacy-uri", legacy::uri);
		registry.add("figmart.gateway.targets." + NEW_TARGET, modern::uri);
		SeedRules.in(registry)
			.rule("catalog-all", "GET", "/api/catalog/**", "NEW", NEW_TARGET)
			.rule("catalog-product", "GET", "/api/catalog/products/{sku}", "LEGACY", NEW_TARGET)
			.rule("account", "", "/api/account/**", "LEGACY", NEW_TARGET)
			.rule("order-create", "POST", "/api/orders", "NEW", NEW_TARGET)
			.rule("checkout", "", "/api/checkout/**", "CANARY(30)", NEW_TARGET)
			.rule("reviews", "", "/api/reviews/**", "SHADOW", NEW_TARGET)
			.rule("echo", "POST,PUT", "/api/echo/**", "NEW", NEW_TARGET);
	}

	@AfterAll
	static void stopServers() {
		if (legacy != null) {
			legacy.close();
		}
		if (modern != null) {
			modern.close();
		}
	}

	@BeforeEach
	void client() {
		this.client = GatewayClients.at(this.port);
	}

	@Test
	void unmatchedRequestGoesToLegacy() {
		get("/api/nothing/here").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(StranglerRoutingFilter.ROUTE_HEADER, "default")
			.expectHeader()
			.valueEquals(StranglerRoutingFilter.SERVED_BY_HEADER, "legacy")
			.expectBody()
			.jsonPath("$.server")
			.isEqualTo("legacy")
			.jsonPath("$.path")
			.isEqualTo("/api/nothing/here");
	}

	@Test
	void legacyRuleGoesToLegacy() {
		assertServedBy(get("/api/account/42"), "account", "legacy");
	}

	@Test
	void newRuleGoesToNewTarget() {
		assertServedBy(get("/api/catalog/categories/7"), "catalog-all", NEW_TARGET);
	}

	@Test
	void mostSpecificRuleWins() {
		assertServedBy(get("/api/catalog/products/SKU-1"), "catalog-product", "legacy");
		assertServedBy(get("/api/catalog/products/SKU-1/reviews"), "catalog-all", NEW_TARGET);
	}

	@Test
	void methodMatters() {
		assertServedBy(this.client.post().uri("/api/orders").bodyValue("{}").exchange(), "order-create", NEW_TARGET);
		assertServedBy(get("/api/orders"), "default", "legacy");
		assertServedBy(this.client.delete().uri("/api/catalog/categories/7").exchange(), "default", "legacy");
	}

	@Test
	void shadowIsAnsweredByLegacyOnly() {
		assertServedBy(get("/api/reviews/3"), "reviews", "legacy");
	}

	@Test
	void canaryIsStickyAndSendsAboutItsShareToNew() {
		CanaryAssignment assignment = new CanaryAssignment("checkout");
		Map<String, String> sideOf = new HashMap<>();
		int toNew = 0;
		for (int i = 0; i < 1000; i++) {
			String customer = "customer-" + i;
			String servedBy = servedBy(getAs(customer, "/api/checkout/cart"));
			sideOf.put(customer, servedBy);
			boolean expectedNew = assignment.routesToNew(customer, 30);
			assertThat(servedBy).as(customer).isEqualTo(expectedNew ? NEW_TARGET : "legacy");
			if (NEW_TARGET.equals(servedBy)) {
				toNew++;
			}
		}
		assertThat(toNew).isBetween(250, 350);
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < 1000; i += 5) {
				String customer = "customer-" + i;
				assertThat(servedBy(getAs(customer, "/api/checkout/pay"))).as(customer).isEqualTo(sideOf.get(customer));
			}
		}
	}

	@Test
	void canaryWithoutCustomerIdIsStickyPerSessionCookie() {
		for (int i = 0; i < 20; i++) {
			String session = UUID.randomUUID().toString();
			String first = servedBy(this.client.get().uri("/api/checkout/cart").cookie("JSESSIONID", session).exchange());
			for (int repeat = 0; repeat < 3; repeat++) {
				assertThat(servedBy(this.client.get().uri("/api/checkout/cart").cookie("JSESSIONID", session).exchange()))
					.isEqualTo(first);
			}
			assertThat(first).isEqualTo(new CanaryAssignment("checkout").routesToNew(session, 30) ? NEW_TARGET : "legacy");
		}
	}

	@Test
	void forcedHeaderOverridesTheRule() {
		assertServedBy(this.client.get()
			.uri("/api/catalog/products/SKU-1")
			.header(ForcedSide.HEADER, "new")
			.exchange(), "catalog-product", NEW_TARGET);
		assertServedBy(this.client.get()
			.uri("/api/catalog/categories/7")
			.header(ForcedSide.HEADER, "LEGACY")
			.exchange(), "catalog-all", "legacy");
		assertServedBy(this.client.get().uri("/api/nothing").header(ForcedSide.HEADER, "new").exchange(), "default",
				"legacy");
		this.client.get()
			.uri("/api/catalog/categories/7")
			.header(ForcedSide.HEADER, "new")
			.exchange()
			.expectBody()
			.jsonPath("$.forcedHeader")
			.isEqualTo(false);
		this.client.get()
			.uri("/api/catalog/categories/7")
			.header(ForcedSide.HEADER, "elsewhere")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://figmart.dev/problems/invalid-header")
			.jsonPath("$.header")
			.isEqualTo(ForcedSide.HEADER)
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("elsewhere"));
	}

	@Test
	void bodyAndQueryArriveIntact() {
		String body = "{\"sku\":\"A-1\",\"note\":\"café ✓\",\"qty\":3}";
		String query = "q=caf%C3%A9%20cr%C3%A8me&tag=a&tag=b&empty=&plus=1%2B1";
		this.client.post()
			.uri(URI.create("http://127.0.0.1:" + this.port + "/api/echo/items?" + query))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(StranglerRoutingFilter.SERVED_BY_HEADER, NEW_TARGET)
			.expectBody()
			.jsonPath("$.server")
			.isEqualTo(NEW_TARGET)
			.jsonPath("$.method")
			.isEqualTo("POST")
			.jsonPath("$.path")
			.isEqualTo("/api/echo/items")
			.jsonPath("$.query")
			.isEqualTo(query)
			.jsonPath("$.body")
			.isEqualTo(body);
		this.client.put()
			.uri(URI.create("http://127.0.0.1:" + this.port + "/api/legacy-only/x?a=1&b=%2F"))
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("plain body")
			.exchange()
			.expectBody()
			.jsonPath("$.server")
			.isEqualTo("legacy")
			.jsonPath("$.method")
			.isEqualTo("PUT")
			.jsonPath("$.query")
			.isEqualTo("a=1&b=%2F")
			.jsonPath("$.body")
			.isEqualTo("plain body");
	}

	@Test
	void swappedRuleSetTakesEffectOnTheNextRequest() {
		assertServedBy(get("/api/swap/1"), "default", "legacy");
		RouteRule swap = RouteRule.of("swap", "GET /api/swap/**", Mode.NEW, NEW_TARGET, 1);
		List<GatewayRule> before = this.rules.rules();
		this.rules.replaceAll(with(before, swap));
		try {
			assertServedBy(get("/api/swap/1"), "swap", NEW_TARGET);
			this.rules.replaceAll(with(before, swap.withMode(Mode.LEGACY, 2)));
			assertServedBy(get("/api/swap/1"), "swap", "legacy");
		}
		finally {
			this.rules.replaceAll(before);
		}
		assertServedBy(get("/api/swap/1"), "default", "legacy");
	}

	private static List<GatewayRule> with(List<GatewayRule> rules, RouteRule extra) {
		List<GatewayRule> all = new ArrayList<>(rules);
		all.add(new GatewayRule(extra, RulePolicy.DEFAULTS));
		return all;
	}

	private WebTestClient.ResponseSpec get(String path) {
		return this.client.get().uri(path).exchange();
	}

	private WebTestClient.ResponseSpec getAs(String customer, String path) {
		return this.client.get().uri(path).header(StickyKeys.CUSTOMER_HEADER, customer).exchange();
	}

	private static String servedBy(WebTestClient.ResponseSpec response) {
		EntityExchangeResult<byte[]> result = response.expectStatus().isOk().expectBody().returnResult();
		return result.getResponseHeaders().getFirst(StranglerRoutingFilter.SERVED_BY_HEADER);
	}

	private static void assertServedBy(WebTestClient.ResponseSpec response, String routeId, String servedBy) {
		response.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(StranglerRoutingFilter.ROUTE_HEADER, routeId)
			.expectHeader()
			.valueEquals(StranglerRoutingFilter.SERVED_BY_HEADER, servedBy)
			.expectBody()
			.jsonPath("$.server")
			.isEqualTo(servedBy);
	}

}
