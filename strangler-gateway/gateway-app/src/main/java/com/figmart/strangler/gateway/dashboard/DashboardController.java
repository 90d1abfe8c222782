package com.figmart.strangler.gateway.dashboard;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import com.figmart.strangler.gateway.WriteHolds;
import com.figmart.strangler.gateway.resilience.RuleTraffic;
import com.figmart.strangler.gateway.resilience.RuleTraffic.SideTraffic;
import com.figmart.strangler.gateway.resilience.TrafficMonitor;
import com.figmart.strangler.gateway.shadow.ShadowReports;
import com.figmart.strangler.gateway.shadow.ShadowSummary;
import com.figmart.strangler.gateway.store.RuleChangeRecord;
import com.figmart.strangler.gateway.store.RuleJson;
import com.figmart.strangler.gateway.store.RuleStore;
import com.figmart.strangler.gateway.store.StoredRule;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the dashboard shows, in one call: every rule as the admin API shows it, plus its traffic per side over
 * the traffic window, the new target's breaker, the shadow figures and the rule's last change; and the most
 * recent changes of all rules. Changes go through the admin API itself.
 */
@RestController
class DashboardController {

	static final int RECENT_CHANGES = 20;

	/** Enough to find the last change of every rule of a dashboard-sized rule set in one query. */
	private static final int CHANGES_SCANNED = 500;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final RuleStore store;

	private final TrafficMonitor traffic;

	private final ShadowReports shadow;

	private final WriteHolds writeHolds;

	DashboardController(RuleStore store, TrafficMonitor traffic, ShadowReports shadow, WriteHolds writeHolds) {
		this.store = store;
		this.traffic = traffic;
		this.shadow = shadow;
		this.writeHolds = writeHolds;
	}

	@GetMapping("/admin/api/dashboard")
	Mono<ObjectNode> dashboard() {
		return Mono.fromCallable(this::snapshot).subscribeOn(Schedulers.boundedElastic());
	}

	private ObjectNode snapshot() {
		List<StoredRule> rules = this.store.rules();
		List<RuleChangeRecord> changes = this.store.recentChanges(CHANGES_SCANNED);
		Map<String, RuleChangeRecord> lastChangeOf = new HashMap<>();
		for (RuleChangeRecord change : changes) {
			lastChangeOf.putIfAbsent(change.ruleId(), change);
		}
		ObjectNode body = NODES.objectNode();
		body.put("generatedAt", Instant.now().toString());
		ArrayNode ruleNodes = body.putArray("rules");
		long windowSeconds = 0;
		for (StoredRule rule : rules) {
			ObjectNode node = RuleJson.toJson(rule);
			RuleTraffic figures = this.traffic.traffic(rule.id());
			windowSeconds = figures.window().toSeconds();
			ArrayNode sides = node.putArray("traffic");
			sides.add(side(figures.legacy()));
			sides.add(side(figures.newSide()));
			node.put("breaker", this.traffic.breakerState(rule.rule().rule().target()));
			node.set("shadow", this.shadow.summary(rule.id()).map(DashboardController::shadow).orElse(null));
			node.set("writes", writes(rule.id()));
			RuleChangeRecord last = lastChangeOf.get(rule.id());
			node.set("lastChange", (last != null) ? RuleJson.toJson(last) : null);
			ruleNodes.add(node);
		}
		body.put("windowSeconds", windowSeconds);
		ArrayNode recent = body.putArray("recentChanges");
		changes.stream().limit(RECENT_CHANGES).forEach((change) -> recent.add(RuleJson.toJson(change)));
		return body;
	}

	/** This instance's view of the rule's writes: held here, waiting, under way, refused while held. */
	private ObjectNode writes(String ruleId) {
		ObjectNode node = NODES.objectNode();
		node.put("held", this.writeHolds.isHeld(ruleId));
		node.put("waiting", this.writeHolds.waiting(ruleId));
		node.put("inFlight", this.writeHolds.inFlight(ruleId));
		node.put("refused", this.writeHolds.refused(ruleId));
		return node;
	}

	private static ObjectNode side(SideTraffic side) {
		ObjectNode node = NODES.objectNode();
		node.put("side", side.side());
		node.put("requests", side.requests());
		node.put("requestsPerSecond", side.requestsPerSecond());
		node.put("errorRate", side.errorRate());
		node.put("p99Millis", side.p99Millis());
		return node;
	}

	private static ObjectNode shadow(ShadowSummary summary) {
		ObjectNode node = NODES.objectNode();
		node.put("compared", summary.compared());
		node.put("matchRate", summary.matchRate());
		node.put("noiseRate", summary.noiseRate());
		node.put("excessMismatchRate", summary.excessMismatchRate());
		node.put("errors", summary.errors());
		node.put("dropped", summary.dropped());
		return node;
	}

}
