package com.figmart.strangler.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Writes RFC 9457 problem bodies ({@code application/problem+json}) straight to the response, without a
 * codec: they are written from filters, before any handler and its message writers are involved.
 */
public final class Problems {

	public static final String TYPE_PREFIX = "https://figmart.dev/problems/";

	private Problems() {
	}

	/**
	 * Sets status and content type and writes the body.
	 *
	 * @param slug the last segment of the problem type
	 * @param extra further members, e.g. the header or limit at fault; values are strings or numbers
	 */
	public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String slug, String detail,
			Map<String, ?> extra) {
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] body = json(status, slug, detail, extra).getBytes(StandardCharsets.UTF_8);
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
	}

	public static String json(HttpStatus status, String slug, String detail, Map<String, ?> extra) {
		StringBuilder json = new StringBuilder(160);
		json.append("{\"type\":");
		Json.string(json, TYPE_PREFIX + slug);
		json.append(",\"title\":");
		Json.string(json, status.getReasonPhrase());
		json.append(",\"status\":").append(status.value());
		json.append(",\"detail\":");
		Json.string(json, detail);
		for (Map.Entry<String, ?> entry : extra.entrySet()) {
			json.append(',');
			Json.string(json, entry.getKey());
			json.append(':');
			Json.value(json, entry.getValue());
		}
		return json.append('}').toString();
	}

}
