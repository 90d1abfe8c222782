package com.figmart.strangler.cli;

import java.io.PrintWriter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading members of the API's JSON and printing it for scripts. */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.shared();

	private Json() {
	}

	/** A member as text, {@code null} if the node or the member is missing or JSON null. */
	static String text(JsonNode node, String member) {
		if (node == null) {
			return null;
		}
		JsonNode value = node.path(member);
		if (value.isMissingNode() || value.isNull()) {
			return null;
		}
		return display(value);
	}

	/** Strings as they are, anything else as compact JSON. */
	static String display(JsonNode value) {
		if (value == null || value.isMissingNode()) {
			return "";
		}
		return value.isString() ? value.stringValue() : MAPPER.writeValueAsString(value);
	}

	/** Pretty JSON, one value, for {@code --output json}. */
	static void print(PrintWriter out, JsonNode value) {
		out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
		out.flush();
	}

}
