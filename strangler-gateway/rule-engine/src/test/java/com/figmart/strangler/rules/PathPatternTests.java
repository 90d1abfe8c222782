package com.figmart.strangler.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternTests {

	@Test
	void parsesEverySegmentKind() {
		PathPattern p = PathPattern.parse("/api/*/items/{id}/**");

		assertThat(p.segments()).extracting(PathPattern.Segment::kind).containsExactly(PathPattern.Kind.LITERAL,
				PathPattern.Kind.WILDCARD, PathPattern.Kind.LITERAL, PathPattern.Kind.VARIABLE,
				PathPattern.Kind.CATCH_ALL);
		assertThat(p.segments().get(3).text()).isEqualTo("id");
		assertThat(p.endsWithCatchAll()).isTrue();
		assertThat(p).hasToString("/api/*/items/{id}/**");
	}

	@Test
	void rootAndTrailingSlashAreNormalised() {
		assertThat(PathPattern.parse("/").size()).isZero();
		assertThat(PathPattern.parse("/").toString()).isEqualTo("/");
		assertThat(PathPattern.parse("/api/items/")).isEqualTo(PathPattern.parse("/api/items"));
		assertThat(PathPattern.parse("/**").segments()).hasSize(1);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"api/items           | must start with '/'",
			"\"\"                  | must start with '/'",
			"/api/**/items       | '**' is only allowed as the last segment",
			"/api//items         | empty segment",
			"/api/{id}/x/{id}    | variable 'id' appears twice",
			"/api/{1id}          | invalid variable name '1id'",
			"/api/{}             | invalid variable name ''",
			"/api/item*          | mixes literal text with '*'",
			"/api/{id}.json      | mixes literal text with '{'",
			"/api/a?b            | mixes literal text with '?'" })
	void rejectsInvalidPatternsWithAClearMessage(String pattern, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> PathPattern.parse(pattern)).withMessageContaining(message);
	}

	@Test
	void rejectsNull() {
		assertThatIllegalArgumentException().isThrownBy(() -> PathPattern.parse(null)).withMessageContaining("null");
	}

	@Test
	void splitsRequestPaths() {
		assertThat(PathPattern.splitPath("/a/b/c")).containsExactly("a", "b", "c");
		assertThat(PathPattern.splitPath("/a/b/")).containsExactly("a", "b");
		assertThat(PathPattern.splitPath("//a///b//")).containsExactly("a", "b");
		assertThat(PathPattern.splitPath("/a/b?x=/c/d")).containsExactly("a", "b");
		assertThat(PathPattern.splitPath("/a/b#frag/x")).containsExactly("a", "b");
		assertThat(PathPattern.splitPath("/a%2Fb/%7Bid%7D")).containsExactly("a%2Fb", "%7Bid%7D");
		assertThat(PathPattern.splitPath("a/b")).containsExactly("a", "b");
		assertThat(PathPattern.splitPath("/")).isEmpty();
		assertThat(PathPattern.splitPath("")).isEmpty();
		assertThat(PathPattern.splitPath("/?q=1")).isEmpty();
	}

	@Test
	void specificityComparesSegmentBySegment() {
		PathPattern literal = PathPattern.parse("/a/b");
		PathPattern variable = PathPattern.parse("/a/{x}");
		PathPattern wildcard = PathPattern.parse("/a/*");
		PathPattern catchAll = PathPattern.parse("/a/**");
		PathPattern longerCatchAll = PathPattern.parse("/a/b/**");
		PathPattern exactA = PathPattern.parse("/a");

		assertThat(literal.compareSpecificity(variable)).isPositive();
		assertThat(variable.compareSpecificity(wildcard)).isZero();
		assertThat(variable.compareSpecificity(catchAll)).isPositive();
		assertThat(longerCatchAll.compareSpecificity(catchAll)).isPositive();
		assertThat(exactA.compareSpecificity(catchAll)).isPositive();
		assertThat(catchAll.compareSpecificity(exactA)).isNegative();
		// the first difference decides: a literal early beats variables later
		assertThat(PathPattern.parse("/a/{x}/{y}").compareSpecificity(PathPattern.parse("/{p}/b/c"))).isPositive();
		assertThat(PathPattern.parse("/a/b/**").compareSpecificity(PathPattern.parse("/a/*/c"))).isPositive();
	}

	@Test
	void matchesOnePathOnItsOwn() {
		assertThat(PathPattern.parse("/api/orders/{id}").matches(PathPattern.splitPath("/api/orders/42"))).isTrue();
		assertThat(PathPattern.parse("/api/orders/{id}").matches(PathPattern.splitPath("/api/orders"))).isFalse();
		assertThat(PathPattern.parse("/api/orders/{id}").matches(PathPattern.splitPath("/api/orders/42/lines"))).isFalse();
		assertThat(PathPattern.parse("/api/*/items").matches(PathPattern.splitPath("/api/carts/items"))).isTrue();
		assertThat(PathPattern.parse("/api/catalog/**").matches(PathPattern.splitPath("/api/catalog"))).isTrue();
		assertThat(PathPattern.parse("/api/catalog/**").matches(PathPattern.splitPath("/api/catalog/a/b"))).isTrue();
		assertThat(PathPattern.parse("/api/catalog/**").matches(PathPattern.splitPath("/api/catalogue"))).isFalse();
	}
}
