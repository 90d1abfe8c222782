package com.figmart.benchmarks;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DurationsTests {

	@Test
	void parsesUnits() {
		assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
		assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
		assertThat(Durations.parse("0s")).isEqualTo(Duration.ZERO);
	}

	@Test
	void parsesCompoundsFractionsBareSecondsAndIso() {
		assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
		assertThat(Durations.parse("1h2m3s4ms")).isEqualTo(Duration.ofMillis(3_723_004));
		assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
		assertThat(Durations.parse("45")).isEqualTo(Duration.ofSeconds(45));
		assertThat(Durations.parse(" 2M ")).isEqualTo(Duration.ofMinutes(2));
		assertThat(Durations.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "s", "30x", "-5s", "30 s", "m30", "1m 30s", "PT-5S", "abc", "1.s" })
	void rejectsNonsense(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(text));
	}

	@Test
	void formatsShortestForm() {
		assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30s");
		assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
		assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
		assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
		assertThat(Durations.format(Duration.ofHours(1).plusSeconds(5))).isEqualTo("1h5s");
		assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
	}

	@Test
	void formatReadsBack() {
		for (Duration duration : new Duration[] { Duration.ofMillis(1), Duration.ofSeconds(59),
				Duration.ofMinutes(61).plusMillis(7), Duration.ofHours(25) }) {
			assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
		}
	}
}
