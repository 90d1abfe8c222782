package com.figmart.benchmarks.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkBackendTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private BenchmarkBackend backend;

	@BeforeEach
	void start() {
		backend = BenchmarkBackend.start("127.0.0.1", 0, Duration.ofSeconds(60));
	}

	@AfterEach
	void stop() {
		backend.close();
	}

	@Test
	void answersTinyWithAboutSixtyBytesOfJson() throws Exception {
		HttpResponse<String> response = get("/bench/tiny");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.body()).hasSizeBetween(50, 70);
		assertThat(JsonMapper.builder().build().readTree(response.body()).path("status").asString()).isEqualTo("ok");
	}

	@Test
	void answersSlowWithThirtyKibibytesOfJsonAfterFiftyMilliseconds() throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = get("/bench/slow");
		long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(30 * 1024);
		assertThat(response.body()).hasSize(30 * 1024);
		JsonNode json = JsonMapper.builder().build().readTree(response.body());
		assertThat(json.path("items").size()).isGreaterThan(100);
		assertThat(elapsedMillis).isGreaterThanOrEqualTo(50);
	}

	@Test
	void matchesOnTheLastSegmentSoAnyPrefixWorks() throws Exception {
		assertThat(get("/tiny").statusCode()).isEqualTo(200);
		assertThat(get("/any/prefix/tiny").statusCode()).isEqualTo(200);
	}

	@Test
	void answersOtherPathsWithNotFound() throws Exception {
		assertThat(get("/bench/other").statusCode()).isEqualTo(404);
	}

	@Test
	void countsTheRequestsItServed() throws Exception {
		get("/bench/tiny");
		get("/bench/slow");
		get("/bench/other");

		assertThat(backend.served()).isEqualTo(2);
		assertThat(get("/requests").body()).isEqualTo("{\"requests\":2}");
	}

	@Test
	void slowBodyHasExactlyTheAskedSizeForAnySize() {
		for (int size : new int[] { 1024, 4096, 30 * 1024, 100_000 }) {
			assertThat(BenchmarkBackend.slowBody(size)).hasSize(size);
		}
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backend.port() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
