package com.figmart.strangler.gateway.shadow;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.figmart.strangler.gateway.RulePolicy;
import com.figmart.strangler.gateway.shadow.JsonComparison.Difference;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares the monolith's answer with another answer to the same request: the status, the headers that
 * matter, and the body — as JSON trees when both sides sent JSON ({@link JsonComparison}), byte for byte
 * otherwise.
 */
final class ResponseComparison {

	private static final Log logger = LogFactory.getLog(ResponseComparison.class);

	private static final int MAX_DIFFERENCES = 50;

	/** Keeps numbers as written ({@code 12.50} stays {@code 12.50} in a diff) and refuses trailing garbage. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final List<String> headersThatMatter;

	/** Compiled patterns per shadow policy; policies change rarely, so this stays small. */
	private final Map<RulePolicy.Shadow, JsonComparison> comparisons = new ConcurrentHashMap<>();

	ResponseComparison(List<String> headersThatMatter) {
		this.headersThatMatter = headersThatMatter.stream().map((h) -> h.toLowerCase(Locale.ROOT)).toList();
	}

	/** The differences between the two answers, empty when they match. */
	List<Difference> compare(RulePolicy.Shadow policy, CapturedResponse legacy, CapturedResponse candidate) {
		List<Difference> differences = new ArrayList<>();
		if (legacy.status() != candidate.status()) {
			differences.add(new Difference("status", "status", Integer.toString(legacy.status()),
					Integer.toString(candidate.status())));
		}
		for (String name : this.headersThatMatter) {
			String a = normalize(name, legacy.header(name));
			String b = normalize(name, candidate.header(name));
			if (!a.equals(b)) {
				differences.add(new Difference("header " + name, "header " + name, a, b));
			}
		}
		differences.addAll(compareBodies(policy, legacy, candidate));
		return differences;
	}

	private List<Difference> compareBodies(RulePolicy.Shadow policy, CapturedResponse legacy,
			CapturedResponse candidate) {
		if (Arrays.equals(legacy.body(), candidate.body())) {
			// The common case, and the cheap one: no parsing.
			return List.of();
		}
		// Either side declaring JSON is enough to read both as JSON; a wrong Content-Type is a header difference.
		boolean json = isJson(legacy) || isJson(candidate);
		JsonNode a = json ? parse(legacy.body()) : null;
		JsonNode b = json ? parse(candidate.body()) : null;
		if (a != null && b != null) {
			return comparisonFor(policy).compare(a, b);
		}
		if ((a == null) != (b == null)) {
			String legacyKind = (a != null) ? "JSON" : "not JSON";
			String candidateKind = (b != null) ? "JSON" : "not JSON";
			return List.of(new Difference("body", "body", legacyKind + " (" + legacy.body().length + " bytes)",
					candidateKind + " (" + candidate.body().length + " bytes)"));
		}
		return List.of(new Difference("body", "body", legacy.body().length + " bytes",
				candidate.body().length + " bytes, first difference at byte "
						+ Arrays.mismatch(legacy.body(), candidate.body())));
	}

	private JsonComparison comparisonFor(RulePolicy.Shadow policy) {
		if (this.comparisons.size() > 1000) {
			this.comparisons.clear();
		}
		return this.comparisons.computeIfAbsent(policy,
				(p) -> new JsonComparison(compile(p.ignoredPaths()), compile(p.unorderedArrays()), MAX_DIFFERENCES));
	}

	/** Invalid patterns are logged and left out: a rule's policy is validated where it is changed. */
	private static List<JsonPathPattern> compile(List<String> patterns) {
		List<JsonPathPattern> compiled = new ArrayList<>(patterns.size());
		for (String pattern : patterns) {
			try {
				compiled.add(JsonPathPattern.parse(pattern));
			}
			catch (IllegalArgumentException ex) {
				logger.warn("Shadow comparison ignores an invalid pattern: " + ex.getMessage());
			}
		}
		return List.copyOf(compiled);
	}

	private static boolean isJson(CapturedResponse response) {
		String type = response.header("content-type");
		if (type == null) {
			return false;
		}
		String mediaType = type.toLowerCase(Locale.ROOT);
		int semicolon = mediaType.indexOf(';');
		if (semicolon >= 0) {
			mediaType = mediaType.substring(0, semicolon);
		}
		mediaType = mediaType.strip();
		return mediaType.equals("application/json") || mediaType.endsWith("+json");
	}

	private static @Nullable JsonNode parse(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Header values as compared: absent as {@code absent}; media types without blanks and in lower case (so
	 * {@code application/json; charset=UTF-8} equals {@code application/json;charset=utf-8}); a Location by
	 * its path and query, since each side names its own host.
	 */
	private static String normalize(String name, @Nullable String value) {
		if (value == null) {
			return JsonComparison.ABSENT;
		}
		if (name.equals("content-type")) {
			return value.replace(" ", "").toLowerCase(Locale.ROOT);
		}
		if (name.equals("location")) {
			try {
				URI uri = URI.create(value.strip());
				if (uri.isAbsolute()) {
					return uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
				}
			}
			catch (IllegalArgumentException ex) {
				return value.strip();
			}
		}
		return value.strip();
	}

}
