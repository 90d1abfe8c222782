package com.figmart.contracts.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.cloud.contract.verifier.http.HttpVerifier;
import org.springframework.cloud.contract.verifier.http.Request;
import org.springframework.cloud.contract.verifier.http.Response;

/**
 * Sends the requests of the generated contract tests ({@code testMode} CUSTOM) to a running
 * provider over a real socket, with the JDK's HTTP client: no MockMvc, no servlet shortcuts, the
 * same bytes a gateway would see.
 */
public final class RealHttpVerifier implements HttpVerifier {

	private final URI base;
	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5)).build();

	/** @param base the provider's root, for example {@code http://127.0.0.1:8082} */
	public RealHttpVerifier(URI base) {
		this.base = base;
	}

	@Override
	public Response exchange(Request request) {
		var body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofByteArray(request.body().asByteArray());
		var builder = HttpRequest.newBuilder(uri(request)).timeout(Duration.ofSeconds(30))
				.method(request.method().name(), body);
		request.headers().forEach((name, value) -> builder.header(name, String.valueOf(value)));
		try {
			var response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			Map<String, Object> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			response.headers().map().forEach((name, values) -> headers.put(name, String.join(",", values)));
			return Response.builder().statusCode(response.statusCode()).headers(headers).body(response.body()).build();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private URI uri(Request request) {
		var path = request.path().startsWith("/") ? request.path() : "/" + request.path();
		var query = request.queryParams().stream()
				.map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
				.collect(Collectors.joining("&"));
		return URI.create(base.toString().replaceAll("/$", "") + path + (query.isEmpty() ? "" : "?" + query));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
