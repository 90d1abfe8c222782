package com.figmart.strangler.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteRuleTests {

	private static final PathPattern PATTERN = PathPattern.parse("/api/things");

	@Test
	void normalisesMethodsToUpperCaseAndFreezesThem() {
		Set<String> methods = new HashSet<>(Set.of("get", "Post"));
		RouteRule rule = new RouteRule("r1", methods, PATTERN, Mode.NEW, "svc", 1);
		methods.add("DELETE");

		assertThat(rule.methods()).containsExactly("GET", "POST");
		assertThatThrownBy(() -> rule.methods().add("PUT")).isInstanceOf(UnsupportedOperationException.class);
		assertThat(rule.appliesTo("post")).isTrue();
		assertThat(rule.appliesTo("DELETE")).isFalse();
		assertThat(rule.anyMethod()).isFalse();
	}

	@Test
	void emptyMethodsMeansAnyMethod() {
		RouteRule rule = new RouteRule("r1", Set.of(), PATTERN, Mode.NEW, "svc", 1);

		assertThat(rule.anyMethod()).isTrue();
		assertThat(rule.appliesTo("PATCH")).isTrue();
	}

	@Test
	void parsesTheShortForm() {
		RouteRule rule = RouteRule.of("r1", "get,POST /api/things/{id}/", Mode.canary(5), "svc", 3);

		assertThat(rule.methods()).containsExactly("GET", "POST");
		assertThat(rule.pattern()).hasToString("/api/things/{id}");
		assertThat(rule.mode()).isEqualTo(Mode.canary(5));
		assertThat(RouteRule.of("r2", "/x/**", Mode.SHADOW, "svc", 0).anyMethod()).isTrue();
	}

	@Test
	void validatesEveryComponentWithAClearMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RouteRule(" ", Set.of(), PATTERN, Mode.NEW, "svc", 1))
				.withMessage("rule id must not be null or blank");
		assertThatIllegalArgumentException().isThrownBy(() -> new RouteRule(null, Set.of(), PATTERN, Mode.NEW, "svc", 1))
				.withMessage("rule id must not be null or blank");
		assertThatIllegalArgumentException().isThrownBy(() -> new RouteRule(" r", Set.of(), PATTERN, Mode.NEW, "svc", 1))
				.withMessageContaining("leading or trailing blanks");
		assertThatIllegalArgumentException().isThrownBy(() -> new RouteRule("r", null, PATTERN, Mode.NEW, "svc", 1))
				.withMessageContaining("methods of rule 'r' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new RouteRule("r", Set.of("GE T"), PATTERN, Mode.NEW, "svc", 1))
				.withMessageContaining("invalid HTTP method 'GE T'");
		assertThatIllegalArgumentException().isThrownBy(() -> new RouteRule("r", Set.of(""), PATTERN, Mode.NEW, "svc", 1))
				.withMessageContaining("null or empty HTTP method");
		assertThatIllegalArgumentException().isThrownBy(() -> new RouteRule("r", Set.of(), null, Mode.NEW, "svc", 1))
				.withMessage("path pattern of rule 'r' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new RouteRule("r", Set.of(), PATTERN, null, "svc", 1))
				.withMessage("mode of rule 'r' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new RouteRule("r", Set.of(), PATTERN, Mode.NEW, "", 1))
				.withMessage("target of rule 'r' must not be null or blank");
		assertThatIllegalArgumentException().isThrownBy(() -> new RouteRule("r", Set.of(), PATTERN, Mode.NEW, "svc", -1))
				.withMessage("version of rule 'r' must be >= 0, was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> RouteRule.of("r", "GET", Mode.NEW, "svc", 1))
				.withMessageContaining("must be '<METHOD[,METHOD...]> /path'");
		assertThatIllegalArgumentException().isThrownBy(() -> RouteRule.of("r", "GET /a/**/b", Mode.NEW, "svc", 1))
				.withMessageContaining("'**' is only allowed as the last segment");
	}

	@Test
	void canaryPercentMustBeWithinZeroAndHundred() {
		assertThat(Mode.canary(0).percent()).isZero();
		assertThat(Mode.canary(100).percent()).isEqualTo(100);
		assertThatIllegalArgumentException().isThrownBy(() -> Mode.canary(101))
				.withMessage("canary percent must be between 0 and 100, was 101");
		assertThatIllegalArgumentException().isThrownBy(() -> Mode.canary(-1))
				.withMessage("canary percent must be between 0 and 100, was -1");
	}

	@Test
	void parsesModes() {
		assertThat(Mode.parse("legacy")).isSameAs(Mode.LEGACY);
		assertThat(Mode.parse(" SHADOW ")).isSameAs(Mode.SHADOW);
		assertThat(Mode.parse("New")).isSameAs(Mode.NEW);
		assertThat(Mode.parse("canary(25)")).isEqualTo(Mode.canary(25));
		assertThat(Mode.parse("CANARY:7").kind()).isEqualTo(Mode.Kind.CANARY);
		assertThat(Mode.canary(25)).hasToString("CANARY(25)");
		assertThatIllegalArgumentException().isThrownBy(() -> Mode.parse("BLUE")).withMessageContaining("unknown mode 'BLUE'");
		assertThatIllegalArgumentException().isThrownBy(() -> Mode.parse("CANARY(x)")).withMessageContaining("not an integer");
		assertThatIllegalArgumentException().isThrownBy(() -> Mode.parse("CANARY(120)")).withMessageContaining("between 0 and 100");
	}

	@Test
	void withModeKeepsTheRouteAndChangesModeAndVersion() {
		RouteRule rule = RouteRule.of("r1", "GET /a", Mode.SHADOW, "svc", 1);
		RouteRule raised = rule.withMode(Mode.canary(10), 2);

		assertThat(raised.id()).isEqualTo("r1");
		assertThat(raised.pattern()).isEqualTo(rule.pattern());
		assertThat(raised.mode()).isEqualTo(Mode.canary(10));
		assertThat(raised.version()).isEqualTo(2);
	}
}
