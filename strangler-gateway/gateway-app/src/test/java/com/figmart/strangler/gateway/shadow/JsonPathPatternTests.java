package com.figmart.strangler.gateway.shadow;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonPathPatternTests {

	@Test
	void fieldPathMatchesExactlyThatField() {
		JsonPathPattern id = JsonPathPattern.parse("$.id");
		assertThat(id.matches(List.of("id"))).isTrue();
		assertThat(id.matches(List.of("other"))).isFalse();
		assertThat(id.matches(List.of("id", "nested"))).isFalse();
		assertThat(id.matches(List.of())).isFalse();
	}

	@Test
	void wildcardIndexMatchesEveryElement() {
		JsonPathPattern pattern = JsonPathPattern.parse("$.items[*].id");
		assertThat(pattern.matches(List.of("items", 0, "id"))).isTrue();
		assertThat(pattern.matches(List.of("items", 41, "id"))).isTrue();
		assertThat(pattern.matches(List.of("items", "0", "id"))).isFalse();
		assertThat(JsonPathPattern.parse("$.items[2]").matches(List.of("items", 2))).isTrue();
		assertThat(JsonPathPattern.parse("$.items[2]").matches(List.of("items", 3))).isFalse();
	}

	@Test
	void descendantMatchesAtAnyDepth() {
		JsonPathPattern createdAt = JsonPathPattern.parse("$..createdAt");
		assertThat(createdAt.matches(List.of("createdAt"))).isTrue();
		assertThat(createdAt.matches(List.of("order", "lines", 3, "createdAt"))).isTrue();
		assertThat(createdAt.matches(List.of("order", "createdAt", "x"))).isFalse();
		assertThat(JsonPathPattern.parse("$..lines[*].sku").matches(List.of("a", "lines", 0, "sku"))).isTrue();
	}

	@Test
	void anyFieldMatchesOneLevel() {
		JsonPathPattern pattern = JsonPathPattern.parse("$.prices.*");
		assertThat(pattern.matches(List.of("prices", "EUR"))).isTrue();
		assertThat(pattern.matches(List.of("prices", 0))).isFalse();
	}

	@Test
	void rejectsMalformedPathsNamingTheProblem() {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonPathPattern.parse("id")).withMessageContaining("'$'");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonPathPattern.parse("$.items[x]"))
			.withMessageContaining("[x]");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonPathPattern.parse("$.items[*"))
			.withMessageContaining("not closed");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonPathPattern.parse("$."))
			.withMessageContaining("field name is missing");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonPathPattern.check(List.of("$.ok", "$..")))
			.withMessageContaining("'$..'");
	}

	@Test
	void rendersConcretePathsAndTheirGeneralForm() {
		List<Object> path = List.of("items", 2, "price");
		assertThat(JsonPathPattern.render(path)).isEqualTo("$.items[2].price");
		assertThat(JsonPathPattern.generalize(path)).isEqualTo("$.items[*].price");
	}

}
