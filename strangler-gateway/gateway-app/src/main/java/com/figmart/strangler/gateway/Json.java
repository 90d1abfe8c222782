package com.figmart.strangler.gateway;

/**
 * The little JSON writing the gateway's filters need (problem bodies, access log lines, token claims), by hand: these are
 * written on every request or from filters, and a few appends are cheaper than a serializer.
 */
public final class Json {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private Json() {
	}

	/** Appends a string, number, boolean or {@code null}; any other value as its string form. */
	public static void value(StringBuilder json, Object value) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof Number || value instanceof Boolean) {
			json.append(value);
		}
		else {
			string(json, value.toString());
		}
	}

	public static void string(StringBuilder json, String text) {
		if (text == null) {
			json.append("null");
			return;
		}
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char ch = text.charAt(i);
			switch (ch) {
				case '"':
					json.append("\\\"");
					break;
				case '\\':
					json.append("\\\\");
					break;
				case '\n':
					json.append("\\n");
					break;
				case '\r':
					json.append("\\r");
					break;
				case '\t':
					json.append("\\t");
					break;
				case '\u2028':
					json.append("\\u2028");
					break;
				case '\u2029':
					json.append("\\u2029");
					break;
				default:
					if (ch < 0x20) {
						json.append("\\u00").append(HEX[ch >> 4]).append(HEX[ch & 0xF]);
					}
					else {
						json.append(ch);
					}
			}
		}
		json.append('"');
	}

}
