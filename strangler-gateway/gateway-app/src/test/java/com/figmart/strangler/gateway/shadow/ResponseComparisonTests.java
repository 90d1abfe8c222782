package com.figmart.strangler.gateway.shadow;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.figmart.strangler.gateway.RulePolicy;
import com.figmart.strangler.gateway.shadow.JsonComparison.Difference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseComparisonTests {

	private final ResponseComparison comparison = new ResponseComparison(
			List.of("Content-Type", "Location", "Cache-Control"));

	private static final RulePolicy.Shadow STRICT = RulePolicy.Shadow.DEFAULTS;

	@Test
	void equalJsonWithFieldsInAnotherOrderMatches() {
		assertThat(differences(STRICT, json("{\"a\":1,\"b\":[1,2],\"c\":{\"d\":null}}"),
				json("{\"c\":{\"d\":null},\"b\":[1,2],\"a\":1}")))
			.isEmpty();
	}

	@Test
	void numbersAreComparedByValue() {
		assertThat(differences(STRICT, json("{\"price\":12.50,\"qty\":1}"), json("{\"price\":12.5,\"qty\":1.0}")))
			.isEmpty();
	}

	@Test
	void differencesAreReadableLinesWithTheirPath() {
		assertThat(differences(STRICT, json("{\"price\":12.50,\"name\":\"Mug\",\"tags\":[\"a\",\"b\"]}"),
				json("{\"price\":12.49,\"tags\":[\"a\"],\"discount\":3}")))
			.containsExactly("$.price: 12.50 != 12.49", "$.name: \"Mug\" != absent", "$.tags[1]: \"b\" != absent",
					"$.discount: absent != 3");
	}

	@Test
	void ignoredPathsAreLeftOut() {
		RulePolicy.Shadow policy = new RulePolicy.Shadow(List.of("$.id", "$..createdAt", "$.items[*].id"), List.of(),
				false);
		assertThat(differences(policy,
				json("{\"id\":1,\"createdAt\":\"t1\","
						+ "\"items\":[{\"id\":10,\"sku\":\"A\",\"meta\":{\"createdAt\":\"t1\"}}]}"),
				json("{\"id\":2,\"createdAt\":\"t2\","
						+ "\"items\":[{\"id\":20,\"sku\":\"A\",\"meta\":{\"createdAt\":\"t2\"}}]}")))
			.isEmpty();
		assertThat(differences(policy, json("{\"items\":[{\"id\":10,\"sku\":\"A\"}]}"),
				json("{\"items\":[{\"id\":20,\"sku\":\"B\"}]}")))
			.containsExactly("$.items[0].sku: \"A\" != \"B\"");
	}

	@Test
	void unorderedArraysAreComparedAsMultisets() {
		RulePolicy.Shadow policy = new RulePolicy.Shadow(List.of("$.items[*].id"), List.of("$.items", "$..tags"),
				false);
		assertThat(differences(policy,
				json("{\"items\":[{\"id\":1,\"sku\":\"A\",\"tags\":[\"x\",\"y\"]},{\"id\":2,\"sku\":\"B\"}]}"),
				json("{\"items\":[{\"id\":9,\"sku\":\"B\"},{\"id\":8,\"sku\":\"A\",\"tags\":[\"y\",\"x\"]}]}")))
			.isEmpty();
		assertThat(differences(policy, json("{\"items\":[{\"sku\":\"A\"},{\"sku\":\"A\"},{\"sku\":\"B\"}]}"),
				json("{\"items\":[{\"sku\":\"B\"},{\"sku\":\"A\"},{\"sku\":\"C\"}]}")))
			.containsExactlyInAnyOrder("$.items[?]: {\"sku\":\"A\"} != absent",
					"$.items[?]: absent != {\"sku\":\"C\"}");
		assertThat(differences(STRICT, json("{\"items\":[1,2]}"), json("{\"items\":[2,1]}"))).hasSize(2);
	}

	@Test
	void statusAndHeadersThatMatterAreCompared() {
		CapturedResponse legacy = new CapturedResponse(201,
				Map.of("content-type", "application/json; charset=UTF-8", "location", "http://legacy:8081/api/orders/7",
						"cache-control", "no-store"),
				bytes("{}"), false, 1);
		CapturedResponse same = new CapturedResponse(201,
				Map.of("content-type", "application/json;charset=utf-8", "location", "http://new:9001/api/orders/7",
						"cache-control", "no-store"),
				bytes("{}"), false, 1);
		CapturedResponse other = new CapturedResponse(200,
				Map.of("content-type", "application/json", "location", "/api/orders/8"), bytes("{}"), false, 1);
		assertThat(differences(STRICT, legacy, same)).isEmpty();
		assertThat(differences(STRICT, legacy, other)).containsExactly("status: 201 != 200",
				"header content-type: application/json;charset=utf-8 != application/json",
				"header location: /api/orders/7 != /api/orders/8", "header cache-control: no-store != absent");
	}

	@Test
	void nonJsonBodiesMustBeEqualByteForByte() {
		assertThat(differences(STRICT, text("hello"), text("hello"))).isEmpty();
		assertThat(differences(STRICT, text("hello"), text("help!"))).containsExactly(
				"body: 5 bytes != 5 bytes, first difference at byte 3");
		assertThat(differences(STRICT, json("{\"a\":1}"), new CapturedResponse(200,
				Map.of("content-type", "application/json"), bytes("<html>"), false, 1)))
			.containsExactly("body: JSON (7 bytes) != not JSON (6 bytes)");
	}

	private List<String> differences(RulePolicy.Shadow policy, CapturedResponse legacy, CapturedResponse other) {
		return this.comparison.compare(policy, legacy, other).stream().map(Difference::toString).toList();
	}

	private static CapturedResponse json(String body) {
		return new CapturedResponse(200, Map.of("content-type", "application/json"), bytes(body), false, 1);
	}

	private static CapturedResponse text(String body) {
		return new CapturedResponse(200, Map.of("content-type", "text/plain"), bytes(body), false, 1);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
