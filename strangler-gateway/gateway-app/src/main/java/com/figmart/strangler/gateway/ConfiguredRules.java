package com.figmart.strangler.gateway;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.figmart.strangler.rules.Mode;
import com.figmart.strangler.rules.RouteRule;

/**
 * Turns {@code figmart.gateway.rules[n]} into validated {@link GatewayRule}s.
 *
 * <p>Every problem is reported with the property index and rule id, so a bad configuration stops the
 * gateway at start with a message an operator can act on, instead of misrouting traffic later.
 */
final class ConfiguredRules {

	/** Version given to rules loaded from configuration; later updates must carry a greater one. */
	static final long INITIAL_VERSION = 1;

	private ConfiguredRules() {
	}

	static List<GatewayRule> toRules(List<GatewayRoutingProperties.Rule> configured, Targets targets) {
		List<GatewayRule> rules = new ArrayList<>(configured.size());
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < configured.size(); i++) {
			GatewayRoutingProperties.Rule rule = configured.get(i);
			String where = "figmart.gateway.rules[" + i + "]"
					+ ((rule.id() != null) ? " (id '" + rule.id() + "')" : "");
			if (rule.id() == null || rule.id().isBlank()) {
				throw new IllegalStateException(where + ": id must be set");
			}
			if (!ids.add(rule.id())) {
				throw new IllegalStateException(where + ": duplicate rule id '" + rule.id() + "'");
			}
			if (rule.pattern() == null || rule.pattern().isBlank()) {
				throw new IllegalStateException(where + ": pattern must be set");
			}
			if (rule.mode() == null || rule.mode().isBlank()) {
				throw new IllegalStateException(where + ": mode must be set (LEGACY, SHADOW, NEW or CANARY(p))");
			}
			if (rule.target() == null || rule.target().isBlank()) {
				throw new IllegalStateException(where + ": target must be set (one of " + targets.names() + ")");
			}
			if (!targets.contains(rule.target())) {
				throw new IllegalStateException(where + ": unknown target '" + rule.target()
						+ "'; define it as figmart.gateway.targets." + rule.target() + " (known targets: "
						+ targets.names() + ")");
			}
			try {
				Mode mode = Mode.parse(rule.mode());
				rules.add(new GatewayRule(RouteRule.of(rule.id(), rule.methods(), rule.pattern(), mode, rule.target(),
						INITIAL_VERSION), rule.policy()));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(where + ": " + ex.getMessage(), ex);
			}
		}
		return rules;
	}

}
