package com.figmart.strangler.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RuleIndexTests {

	private static RouteRule rule(String id, String route) {
		return RouteRule.of(id, route, Mode.NEW, "target-" + id, 1);
	}

	private static String winner(RuleIndex index, String method, String path) {
		return index.match(method, path).map(m -> m.rule().id()).orElse(null);
	}

	@Nested
	class MostSpecificWins {

		@Test
		void literalBeatsVariableBeatsCatchAll() {
			RuleIndex index = RuleIndex.of(
					rule("catch-all", "GET /api/things/**"),
					rule("variable", "GET /api/things/{id}"),
					rule("literal", "GET /api/things/special"));

			assertThat(winner(index, "GET", "/api/things/special")).isEqualTo("literal");
			assertThat(winner(index, "GET", "/api/things/42")).isEqualTo("variable");
			assertThat(winner(index, "GET", "/api/things/42/parts")).isEqualTo("catch-all");
			assertThat(winner(index, "GET", "/api/things")).isEqualTo("catch-all");
		}

		@Test
		void wildcardAndVariableHaveTheSameRankSoTheIdDecides() {
			RuleIndex index = RuleIndex.of(rule("b-var", "GET /x/{id}"), rule("a-star", "GET /x/*"));

			assertThat(winner(index, "GET", "/x/1")).isEqualTo("a-star");
			assertThat(winner(RuleIndex.of(rule("a-var", "GET /x/{id}"), rule("b-star", "GET /x/*")), "GET", "/x/1"))
					.isEqualTo("a-var");
		}

		@Test
		void theFirstDifferingSegmentDecides() {
			RuleIndex index = RuleIndex.of(
					rule("early-literal", "GET /a/{x}/{y}"),
					rule("late-literals", "GET /{p}/b/c"));

			assertThat(winner(index, "GET", "/a/b/c")).isEqualTo("early-literal");
			assertThat(winner(index, "GET", "/z/b/c")).isEqualTo("late-literals");
		}

		@Test
		void backtracksWhenTheLiteralBranchDeadEnds() {
			RuleIndex index = RuleIndex.of(
					rule("literal-then-nothing", "GET /a/b/c"),
					rule("variable-then-literal", "GET /a/{x}/d"),
					rule("root-catch-all", "GET /**"));

			// /a/b/d: literal branch a/b has no 'd' child, so the search backtracks to a/{x}/d
			assertThat(winner(index, "GET", "/a/b/d")).isEqualTo("variable-then-literal");
			assertThat(winner(index, "GET", "/a/b/c")).isEqualTo("literal-then-nothing");
			assertThat(winner(index, "GET", "/a/b/e")).isEqualTo("root-catch-all");
		}

		@Test
		void longerLiteralPrefixBeforeCatchAllWins() {
			RuleIndex index = RuleIndex.of(
					rule("short", "GET /api/**"),
					rule("long", "GET /api/things/**"),
					rule("root", "GET /**"));

			assertThat(winner(index, "GET", "/api/things/1/2")).isEqualTo("long");
			assertThat(winner(index, "GET", "/api/things")).isEqualTo("long");
			assertThat(winner(index, "GET", "/api/other")).isEqualTo("short");
			assertThat(winner(index, "GET", "/elsewhere")).isEqualTo("root");
		}

		@Test
		void exactPatternBeatsCatchAllMatchingZeroSegments() {
			RuleIndex index = RuleIndex.of(rule("tree", "GET /api/things/**"), rule("exact", "GET /api/things"));

			assertThat(winner(index, "GET", "/api/things")).isEqualTo("exact");
			assertThat(winner(index, "GET", "/api/things/7")).isEqualTo("tree");
		}

		@Test
		void explicitMethodBeatsMethodLessOnlyOnEqualShape() {
			RuleIndex index = RuleIndex.of(
					rule("any-exact", "/api/things/{id}"),
					rule("get-exact", "GET /api/things/{id}"),
					rule("get-tree", "GET /api/**"));

			assertThat(winner(index, "GET", "/api/things/1")).isEqualTo("get-exact");
			assertThat(winner(index, "DELETE", "/api/things/1")).isEqualTo("any-exact");
			// the path shape comes first: the method-less rule is more specific than GET /api/**
			RuleIndex shapeFirst = RuleIndex.of(rule("any-exact", "/api/things/{id}"), rule("get-tree", "GET /api/**"));
			assertThat(winner(shapeFirst, "GET", "/api/things/1")).isEqualTo("any-exact");
			assertThat(winner(shapeFirst, "GET", "/api/things/1/x")).isEqualTo("get-tree");
		}

		@Test
		void identicalRulesAreResolvedByIdIndependentlyOfInputOrder() {
			List<RouteRule> rules = new ArrayList<>(List.of(rule("c", "GET /x"), rule("a", "GET /x"), rule("b", "GET /x")));
			for (int i = 0; i < 5; i++) {
				Collections.shuffle(rules, new Random(i));
				assertThat(winner(RuleIndex.of(rules), "GET", "/x")).isEqualTo("a");
			}
		}
	}

	@Nested
	class Methods {

		@Test
		void methodsAreCaseInsensitive() {
			RuleIndex index = RuleIndex.of(rule("r", "post /api/things"));

			assertThat(winner(index, "POST", "/api/things")).isEqualTo("r");
			assertThat(winner(index, "post", "/api/things")).isEqualTo("r");
			assertThat(winner(index, "PoSt", "/api/things")).isEqualTo("r");
		}

		@Test
		void aRuleOnlyMatchesItsMethods() {
			RuleIndex index = RuleIndex.of(rule("create", "POST,PUT /api/things"), rule("read", "GET /api/things"));

			assertThat(winner(index, "POST", "/api/things")).isEqualTo("create");
			assertThat(winner(index, "PUT", "/api/things")).isEqualTo("create");
			assertThat(winner(index, "GET", "/api/things")).isEqualTo("read");
			assertThat(winner(index, "HEAD", "/api/things")).as("HEAD is not implied by GET").isNull();
			assertThat(winner(index, "DELETE", "/api/things")).isNull();
		}

		@Test
		void aMethodLessRuleMatchesEveryMethod() {
			RuleIndex index = RuleIndex.of(rule("any", "/api/things"));

			for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "CUSTOM")) {
				assertThat(winner(index, method, "/api/things")).isEqualTo("any");
			}
		}
	}

	@Nested
	class PathsAndCaptures {

		@Test
		void capturesVariablesAndTheCatchAllRemainder() {
			RuleIndex index = RuleIndex.of(
					rule("two-vars", "GET /api/{collection}/{id}"),
					rule("tree", "GET /files/{bucket}/**"));

			Match m = index.match("GET", "/api/things/42").orElseThrow();
			assertThat(m.variables()).containsExactlyInAnyOrderEntriesOf(Map.of("collection", "things", "id", "42"));
			assertThat(m.variable("id")).isEqualTo("42");
			assertThat(m.variable("missing")).isNull();
			assertThat(m.remainder()).isEmpty();

			Match tree = index.match("GET", "/files/b1/x/y/z.txt?download=1").orElseThrow();
			assertThat(tree.variables()).containsExactly(Map.entry("bucket", "b1"));
			assertThat(tree.remainder()).isEqualTo("x/y/z.txt");
			assertThat(index.match("GET", "/files/b1").orElseThrow().remainder()).isEmpty();
		}

		@Test
		void capturesAreRawAndPercentEncodingIsNotDecoded() {
			RuleIndex index = RuleIndex.of(rule("var", "GET /api/things/{id}"), rule("encoded", "GET /api/a%2Fb"));

			assertThat(index.match("GET", "/api/things/a%20b").orElseThrow().variable("id")).isEqualTo("a%20b");
			assertThat(winner(index, "GET", "/api/a%2Fb")).isEqualTo("encoded");
			assertThat(winner(index, "GET", "/api/a/b")).as("%2F is not a separator, a/b is not a%2Fb").isNull();
		}

		@Test
		void catchAllAtTheRootMatchesEverythingIncludingTheRoot() {
			RuleIndex index = RuleIndex.of(rule("everything", "/**"));

			assertThat(winner(index, "GET", "/")).isEqualTo("everything");
			assertThat(winner(index, "GET", "")).isEqualTo("everything");
			assertThat(winner(index, "POST", "/a/b/c/d/e/f")).isEqualTo("everything");
			assertThat(index.match("GET", "/a/b").orElseThrow().remainder()).isEqualTo("a/b");
		}

		@Test
		void rootPatternMatchesOnlyTheRoot() {
			RuleIndex index = RuleIndex.of(rule("root", "GET /"));

			assertThat(winner(index, "GET", "/")).isEqualTo("root");
			assertThat(winner(index, "GET", "/?x=1")).isEqualTo("root");
			assertThat(winner(index, "GET", "/a")).isNull();
		}

		@Test
		void unmatchedRequestsGiveAnEmptyResult() {
			RuleIndex index = RuleIndex.of(rule("r", "GET /api/things/{id}"));

			assertThat(index.match("GET", "/api/things")).isEmpty();
			assertThat(index.match("GET", "/api/things/1/2")).isEmpty();
			assertThat(index.match("GET", "/api/other/1")).isEmpty();
			assertThat(RuleIndex.empty().match("GET", "/anything")).isEmpty();
			assertThat(RuleIndex.of(List.of()).match("GET", "/")).isEmpty();
		}

		@Test
		void trailingSlashesEmptySegmentsAndQueriesAreIgnored() {
			RuleIndex index = RuleIndex.of(rule("r", "GET /api/things/{id}"));

			assertThat(winner(index, "GET", "/api/things/1/")).isEqualTo("r");
			assertThat(winner(index, "GET", "//api//things//1")).isEqualTo("r");
			assertThat(winner(index, "GET", "/api/things/1?expand=parts/x")).isEqualTo("r");
			assertThat(winner(index, "GET", "/api/things/1#top")).isEqualTo("r");
			assertThat(index.match("GET", "/api/things/1/?a=b").orElseThrow().variable("id")).isEqualTo("1");
		}

		@Test
		void pathsAreCaseSensitive() {
			RuleIndex index = RuleIndex.of(rule("r", "GET /api/Things"));

			assertThat(winner(index, "GET", "/api/Things")).isEqualTo("r");
			assertThat(winner(index, "GET", "/api/things")).isNull();
			assertThat(winner(index, "GET", "/API/Things")).isNull();
		}
	}

	@Nested
	class Building {

		@Test
		void rejectsDuplicateIds() {
			assertThatIllegalArgumentException()
					.isThrownBy(() -> RuleIndex.of(rule("dup", "GET /a"), rule("dup", "GET /b")))
					.withMessageContaining("duplicate rule id 'dup'");
		}

		@Test
		void exposesItsRules() {
			RouteRule a = rule("a", "GET /a");
			RouteRule b = rule("b", "/b/**");
			RuleIndex index = RuleIndex.of(List.of(b, a));

			assertThat(index.rules()).containsExactly(b, a);
			assertThat(index.size()).isEqualTo(2);
			assertThat(index.rule("a")).contains(a);
			assertThat(index.rule("zzz")).isEmpty();
		}

		@Test
		void theThousandthOfAThousandGeneratedRulesIsFound() {
			List<RouteRule> rules = new ArrayList<>();
			for (int i = 1; i <= 1000; i++) {
				String method = (i % 2 == 0) ? "GET" : "POST";
				rules.add(RouteRule.of(String.format("rule-%04d", i), method + " /api/svc" + i + "/items/{id}",
						Mode.NEW, "svc-" + i, i));
			}
			RuleIndex index = RuleIndex.of(rules);

			Match match = index.match("GET", "/api/svc1000/items/77").orElseThrow();
			assertThat(match.rule().id()).isEqualTo("rule-1000");
			assertThat(match.rule().target()).isEqualTo("svc-1000");
			assertThat(match.variable("id")).isEqualTo("77");
			assertThat(index.match("POST", "/api/svc1000/items/77")).isEmpty();
			assertThat(index.match("GET", "/api/svc1001/items/77")).isEmpty();
			assertThat(winner(index, "POST", "/api/svc1/items/1")).isEqualTo("rule-0001");
		}
	}

	/**
	 * Cross-checks the trie against a brute-force reference (every rule checked, the maximum of
	 * {@link Specificity} taken) on random rule sets and random requests.
	 */
	@Test
	void agreesWithABruteForceReferenceOnRandomRuleSets() {
		String[] words = { "a", "b", "c" };
		String[] methods = { "GET", "POST", "PUT" };
		Random random = new Random(20260101L);
		int checked = 0;
		int matched = 0;
		for (int round = 0; round < 200; round++) {
			List<RouteRule> rules = new ArrayList<>();
			int ruleCount = 1 + random.nextInt(40);
			for (int r = 0; r < ruleCount; r++) {
				int depth = random.nextInt(5);
				StringBuilder path = new StringBuilder();
				int vars = 0;
				for (int d = 0; d < depth; d++) {
					int kind = random.nextInt(10);
					if (kind < 6) {
						path.append('/').append(words[random.nextInt(words.length)]);
					}
					else if (kind < 8) {
						path.append("/{v").append(vars++).append('}');
					}
					else if (kind < 9) {
						path.append("/*");
					}
					else {
						path.append("/**");
						break;
					}
				}
				String pattern = path.length() == 0 ? "/" : path.toString();
				String methodSpec = random.nextInt(3) == 0 ? "" : methods[random.nextInt(methods.length)] + " ";
				rules.add(RouteRule.of("r" + random.nextInt(1000) + "-" + r, methodSpec + pattern, Mode.NEW, "t", 1));
			}
			RuleIndex index = RuleIndex.of(rules);
			for (int q = 0; q < 100; q++) {
				int depth = random.nextInt(6);
				StringBuilder path = new StringBuilder();
				for (int d = 0; d < depth; d++) {
					path.append('/').append(random.nextInt(4) == 0 ? "zz" : words[random.nextInt(words.length)]);
				}
				String method = methods[random.nextInt(methods.length)];
				Optional<RouteRule> expected = bruteForce(rules, method, path.toString());
				Optional<RouteRule> actual = index.match(method, path.toString()).map(Match::rule);
				assertThat(actual).as("%s %s in %s", method, path, rules).isEqualTo(expected);
				checked++;
				if (expected.isPresent()) {
					matched++;
				}
			}
		}
		assertThat(checked).isEqualTo(20_000);
		assertThat(matched).as("the random data must exercise matches, not only misses").isGreaterThan(5_000);
	}

	private static Optional<RouteRule> bruteForce(List<RouteRule> rules, String method, String path) {
		String[] segments = PathPattern.splitPath(path);
		return rules.stream()
				.filter(r -> r.appliesTo(method))
				.filter(r -> r.pattern().matches(segments))
				.max(Specificity::compare);
	}
}
