package com.figmart.strangler.gateway;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The rules a test's gateway starts with, written as the {@code figmart.gateway.rules[i].*} properties a deployment
 * would set, numbered in the order they are added.
 */
public final class SeedRules {

	private final DynamicPropertyRegistry registry;

	private int next;

	private SeedRules(DynamicPropertyRegistry registry) {
		this.registry = registry;
	}

	public static SeedRules in(DynamicPropertyRegistry registry) {
		return new SeedRules(registry);
	}

	/**
	 * Adds a rule.
	 * @param methods comma-separated HTTP methods, or empty for any method
	 * @param settings more properties of the rule as {@code name=value}, e.g. {@code timeout=10s}
	 */
	public SeedRules rule(String id, String methods, String pattern, String mode, String target, String... settings) {
		String prefix = "figmart.gateway.rules[" + this.next++ + "].";
		this.registry.add(prefix + "id", () -> id);
		if (!methods.isEmpty()) {
			this.registry.add(prefix + "methods", () -> methods);
		}
		this.registry.add(prefix + "pattern", () -> pattern);
		this.registry.add(prefix + "mode", () -> mode);
		this.registry.add(prefix + "target", () -> target);
		for (String setting : settings) {
			String[] nameAndValue = setting.split("=", 2);
			if (nameAndValue.length != 2) {
				throw new IllegalArgumentException("A rule setting is name=value, not '" + setting + "'");
			}
			this.registry.add(prefix + nameAndValue[0], () -> nameAndValue[1]);
		}
		return this;
	}

}
