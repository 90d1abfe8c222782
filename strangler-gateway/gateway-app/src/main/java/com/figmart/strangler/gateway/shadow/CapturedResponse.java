package com.figmart.strangler.gateway.shadow;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one side answered, as far as the comparison needs it.
 *
 * @param status the HTTP status code
 * @param headers the captured headers (lower-case names; several values joined with {@code ", "})
 * @param body the body, at most {@code figmart.gateway.shadow.max-body-size} bytes
 * @param truncated whether the body was larger than that, so it cannot be compared
 * @param nanos how long the answer took, from sending the request to the last byte of the body
 */
record CapturedResponse(int status, Map<String, String> headers, byte[] body, boolean truncated, long nanos) {

	@Nullable String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/** The body as text, cut at {@code maxChars}, for people to read. */
	String bodyText(int maxChars) {
		String text = new String(this.body, StandardCharsets.UTF_8);
		String shown = (text.length() <= maxChars) ? text : text.substring(0, maxChars) + "… (" + this.body.length
				+ " bytes)";
		return this.truncated ? shown + " … (truncated at capture)" : shown;
	}

}
