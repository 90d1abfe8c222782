package com.figmart.strangler.gateway.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.figmart.strangler.gateway.GatewayRule;
import com.figmart.strangler.gateway.Targets;
import com.figmart.strangler.gateway.store.InvalidRuleException;
import com.figmart.strangler.gateway.store.RuleJson;
import tools.jackson.databind.JsonNode;

/**
 * Collects every problem of one admin request, so that a client learns all of them at once.
 */
final class InvalidRules {

	static final int MAX_REASON = 1000;

	private final List<InvalidRuleException.FieldError> errors = new ArrayList<>();

	void add(String field, String message) {
		errors.add(new InvalidRuleException.FieldError(field, message));
	}

	boolean any() {
		return !errors.isEmpty();
	}

	InvalidRuleException exception() {
		return new InvalidRuleException(errors);
	}

	void throwIfAny() {
		if (any()) {
			throw exception();
		}
	}

	void onlyKnown(JsonNode document, Set<String> known) {
		for (String name : document.propertyNames()) {
			if (!known.contains(name)) {
				add(name, "unknown field; known fields are " + new TreeSet<>(known));
			}
		}
	}

	/** The required, non-blank {@code reason}, stripped. */
	String reason(JsonNode document) {
		JsonNode reason = document.get("reason");
		if (reason == null || reason.isNull() || (reason.isString() && reason.asString().isBlank())) {
			add("reason", "is required: why the change is made");
			return null;
		}
		if (!reason.isString()) {
			add("reason", "must be a string");
			return null;
		}
		if (reason.asString().length() > MAX_REASON) {
			add("reason", "must be at most " + MAX_REASON + " characters");
			return null;
		}
		return reason.asString().strip();
	}

	/** The required {@code version} the change is based on. */
	Long version(JsonNode document) {
		JsonNode version = document.get("version");
		if (version == null || version.isNull()) {
			add("version", "is required: the version of the rule the change is based on");
			return null;
		}
		if (!version.isIntegralNumber() || !version.canConvertToLong() || version.asLong() < 1) {
			add("version", "must be a whole number of at least 1");
			return null;
		}
		return version.asLong();
	}

	/** A required {@code reason} query parameter, stripped. */
	String reasonParameter(String reason, String what) {
		if (reason == null || reason.isBlank()) {
			add("reason", "is required: " + what + " (?reason=...)");
			return null;
		}
		if (reason.length() > MAX_REASON) {
			add("reason", "must be at most " + MAX_REASON + " characters");
			return null;
		}
		return reason.strip();
	}

	/** A {@code version} query parameter; {@code null} when it is optional and absent. */
	Long versionParameter(String version, boolean required, String what) {
		if (version == null || version.isBlank()) {
			if (required) {
				add("version", "is required: " + what);
			}
			return null;
		}
		try {
			long value = Long.parseLong(version.strip());
			if (value >= 1) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// named below
		}
		add("version", "must be a whole number of at least 1, was '" + version + "'");
		return null;
	}

	/** The rule of the document, or {@code null} with its problems added. */
	GatewayRule readRule(JsonNode document, Targets targets) {
		try {
			return RuleJson.readRule(document, targets);
		}
		catch (InvalidRuleException ex) {
			errors.addAll(ex.errors());
			return null;
		}
	}

}
