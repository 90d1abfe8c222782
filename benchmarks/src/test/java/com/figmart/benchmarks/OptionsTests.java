package com.figmart.benchmarks;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTests {

	private static final Set<String> VALUED = Set.of("clients", "duration", "name", "arg");

	private static final Set<String> FLAGS = Set.of("fresh", "help");

	private static Options parse(String... args) {
		return Options.parse(args, VALUED, FLAGS);
	}

	@Test
	void readsSpaceAndEqualsFormsAndFlags() {
		Options options = parse("--clients", "8", "--duration=2m", "--fresh");

		assertThat(options.integer("clients", 16, 1)).isEqualTo(8);
		assertThat(options.duration("duration", Duration.ofSeconds(30))).isEqualTo(Duration.ofMinutes(2));
		assertThat(options.flag("fresh")).isTrue();
		assertThat(options.flag("help")).isFalse();
	}

	@Test
	void fallsBackToDefaults() {
		Options options = parse();

		assertThat(options.integer("clients", 16, 1)).isEqualTo(16);
		assertThat(options.duration("duration", Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.string("name", "x")).isEqualTo("x");
		assertThat(options.all("arg")).isEmpty();
	}

	@Test
	void keepsRepeatedValuesInOrderAndTheLastWins() {
		Options options = parse("--arg", "-Xmx512m", "--arg=-XX:+UseSerialGC", "--name", "a", "--name", "b");

		assertThat(options.all("arg")).containsExactly("-Xmx512m", "-XX:+UseSerialGC");
		assertThat(options.string("name", null)).isEqualTo("b");
	}

	@Test
	void valuesMayStartWithDashes() {
		assertThat(parse("--arg", "--debug").all("arg")).containsExactly("--debug");
	}

	@Test
	void rejectsUnknownOptionsPositionalArgumentsAndMissingValues() {
		assertThatThrownBy(() -> parse("--client", "8")).isInstanceOf(Options.UsageException.class)
				.hasMessageContaining("Unknown option --client");
		assertThatThrownBy(() -> parse("8")).isInstanceOf(Options.UsageException.class)
				.hasMessageContaining("Unexpected argument '8'");
		assertThatThrownBy(() -> parse("--clients")).isInstanceOf(Options.UsageException.class)
				.hasMessageContaining("--clients needs a value");
		assertThatThrownBy(() -> parse("--fresh=yes")).isInstanceOf(Options.UsageException.class)
				.hasMessageContaining("flag");
	}

	@Test
	void validatesNumbersAndDurations() {
		assertThatThrownBy(() -> parse("--clients", "many").integer("clients", 1, 1))
				.isInstanceOf(Options.UsageException.class).hasMessageContaining("whole number");
		assertThatThrownBy(() -> parse("--clients", "0").integer("clients", 1, 1))
				.isInstanceOf(Options.UsageException.class).hasMessageContaining("at least 1");
		assertThatThrownBy(() -> parse("--duration", "30x").duration("duration", Duration.ZERO))
				.isInstanceOf(Options.UsageException.class).hasMessageContaining("--duration");
	}
}
