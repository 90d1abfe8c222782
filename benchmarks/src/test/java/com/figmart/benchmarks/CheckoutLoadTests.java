package com.figmart.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckoutLoadTests {

	private static CheckoutLoad.Config config(String... args) {
		return CheckoutLoad.Config.from(Options.parse(args, CheckoutLoad.VALUED, CheckoutLoad.FLAGS));
	}

	@Test
	void defaults() {
		CheckoutLoad.Config config = config();

		assertThat(config.baseUrl()).isEqualTo("http://127.0.0.1:8080");
		assertThat(config.clients()).isEqualTo(16);
		assertThat(config.duration()).isEqualTo(Duration.ofSeconds(30));
		assertThat(config.warmup()).isEqualTo(Duration.ofSeconds(10));
		assertThat(config.json()).isNull();
		assertThat(config.restock()).isEqualTo(100_000);
		assertThat(config.pageSize()).isEqualTo(50);
		assertThat(config.progressEvery()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void readsOptions() {
		CheckoutLoad.Config config = config("--base-url", "http://localhost:9090/", "--clients", "4", "--duration",
				"2m", "--warmup=0s", "--json", "target/out.json");

		assertThat(config.baseUrl()).isEqualTo("http://localhost:9090");
		assertThat(config.clients()).isEqualTo(4);
		assertThat(config.duration()).isEqualTo(Duration.ofMinutes(2));
		assertThat(config.warmup()).isZero();
		assertThat(config.json()).isEqualTo(Path.of("target/out.json"));
	}

	@Test
	void rejectsBadOptions() {
		assertThatThrownBy(() -> config("--clients", "0")).isInstanceOf(Options.UsageException.class);
		assertThatThrownBy(() -> config("--duration", "0s")).isInstanceOf(Options.UsageException.class);
		assertThatThrownBy(() -> config("--base-url", "ftp://x")).isInstanceOf(Options.UsageException.class);
		assertThatThrownBy(() -> config("--max-error-ratio", "2")).isInstanceOf(Options.UsageException.class);
	}

	@Test
	void badUsageExitsWithTwoAndHelpWithZero() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int bad = CheckoutLoad.run(new String[] { "--clients", "none" }, print(out), print(err));
		int help = CheckoutLoad.run(new String[] { "--help" }, print(out), print(err));

		assertThat(bad).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--clients must be a whole number", "Usage:");
		assertThat(help).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("--warmup D");
	}

	@Test
	void readsActiveSkusOfACataloguePage() {
		String page = "{\"content\":["
				+ "{\"sku\":\"FIG-001\",\"name\":\"Fig\",\"price\":{\"amount\":12.50,\"currency\":\"EUR\"},\"active\":true},"
				+ "{\"sku\":\"FIG-002\",\"name\":\"Old\",\"active\":false},"
				+ "{\"sku\":\"FIG-003\",\"name\":\"No flag\"},"
				+ "{\"name\":\"No sku\",\"active\":true}"
				+ "],\"page\":{\"size\":50,\"number\":0,\"totalElements\":4,\"totalPages\":1}}";

		assertThat(CheckoutLoad.parseSkus(page)).containsExactly("FIG-001", "FIG-003");
	}

	@Test
	void unexpectedCataloguePagesFailSetup() {
		assertThatThrownBy(() -> CheckoutLoad.parseSkus("[]")).isInstanceOf(CheckoutLoad.SetupException.class)
				.hasMessageContaining("no content array");
		assertThatThrownBy(() -> CheckoutLoad.parseSkus("<html>")).isInstanceOf(CheckoutLoad.SetupException.class)
				.hasMessageContaining("not JSON");
	}

	@Test
	void readsCreatedIds() {
		assertThat(CheckoutLoad.parseId("{\"id\":\"0b6f2f0e-1c1a-4d55-9d39-5d2f7c1e0a11\",\"email\":\"x\"}"))
				.isEqualTo("0b6f2f0e-1c1a-4d55-9d39-5d2f7c1e0a11");
		assertThatThrownBy(() -> CheckoutLoad.parseId("{\"email\":\"x\"}"))
				.isInstanceOf(CheckoutLoad.SetupException.class);
	}

	@Test
	void encodesSkusAsPathSegments() {
		assertThat(CheckoutLoad.pathSegment("FIG-001")).isEqualTo("FIG-001");
		assertThat(CheckoutLoad.pathSegment("a b/c")).isEqualTo("a%20b%2Fc");
	}

	private static PrintStream print(ByteArrayOutputStream bytes) {
		return new PrintStream(bytes, true, StandardCharsets.UTF_8);
	}
}
