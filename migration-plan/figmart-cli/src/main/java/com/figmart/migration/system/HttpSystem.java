package com.figmart.migration.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import java.util.function.Supplier;

import com.figmart.migration.system.JsonHttp.ApiException;
import com.figmart.migration.plan.Gateway;
import com.figmart.migration.plan.Plan;
import com.figmart.migration.plan.SyncBridge;
import com.figmart.migration.topology.Topology;

/** The running system a plan changes, reached over the gateway's admin API and the CDC bridge's API. */
public final class HttpSystem {

	private final Topology topology;

	private final JsonHttp gateway;

	private final JsonHttp bridge;

	/**
	 * @param adminToken a bearer token with the gateway's admin role, asked for before every call
	 */
	public HttpSystem(Topology topology, Plan plan, Supplier<String> adminToken) {
		this.topology = topology;
		this.gateway = new JsonHttp(plan.gateway(), topology.service(plan.gateway()).url(), adminToken);
		this.bridge = new JsonHttp(plan.bridge(), topology.service(plan.bridge()).url(), () -> null);
	}

	public boolean healthy(String service) {
		try {
			new JsonHttp(service, this.topology.service(service).url(), () -> null).get(this.topology.service(service).health());
			return true;
		}
		catch (ApiException ex) {
			return false;
		}
	}

	public Gateway gateway() {
		return new HttpGateway(this.gateway);
	}

	public SyncBridge bridge() {
		return new HttpSyncBridge(this.bridge);
	}

	/** The gateway's admin API, docs/gateway-admin-api.md. */
	private record HttpGateway(JsonHttp api) implements Gateway {

		@Override
		public String mode(String rule) {
			return rule(rule).get("mode").asString();
		}

		@Override
		public void setMode(String rule, String mode, String reason) {
			JsonNode current = rule(rule);
			if (current.get("mode").asString().equalsIgnoreCase(mode)) {
				return;
			}
			this.api.send("PATCH", "/admin/api/rules/" + JsonHttp.segment(rule),
					Map.of("mode", mode, "version", current.get("version").asLong(), "reason", reason));
		}

		@Override
		public ShadowFigures shadow(String rule) {
			JsonNode summary = this.api.get("/admin/api/shadow/" + JsonHttp.segment(rule)).get("summary");
			JsonNode excess = summary.get("excessMismatchRate");
			return new ShadowFigures(summary.get("compared").asLong(), (excess == null || excess.isNull()) ? null : excess.asDouble());
		}

		@Override
		public void resetShadow(String rule) {
			this.api.send("DELETE", "/admin/api/shadow/" + JsonHttp.segment(rule), null);
		}

		@Override
		public String breakerState(String rule) {
			for (JsonNode node : this.api.get("/admin/api/dashboard").get("rules")) {
				if (node.get("id").asString().equals(rule)) {
					JsonNode breaker = node.get("breaker");
					return (breaker == null || breaker.isNull()) ? null : breaker.asString();
				}
			}
			throw new ApiException("The gateway has no rule '" + rule + "'", 404);
		}

		@Override
		public Hold holdWrites(String rule, Duration maxHold, String reason) {
			JsonNode hold = this.api.send("POST", "/admin/api/rules/" + JsonHttp.segment(rule) + "/write-hold",
					Map.of("maxHoldMillis", maxHold.toMillis(), "reason", reason));
			return new Hold(hold.get("version").asLong(), hold.get("inFlightDrained").asBoolean());
		}

		@Override
		public void releaseWrites(String rule, String mode, long version, String reason) {
			this.api.send("DELETE", "/admin/api/rules/" + JsonHttp.segment(rule) + "/write-hold?reason=" + JsonHttp.segment(reason)
					+ "&mode=" + JsonHttp.segment(mode) + "&version=" + version, null);
		}

		@Override
		public void releaseWrites(String rule, String reason) {
			this.api.send("DELETE", "/admin/api/rules/" + JsonHttp.segment(rule) + "/write-hold?reason=" + JsonHttp.segment(reason),
					null);
		}

		private JsonNode rule(String rule) {
			return this.api.get("/admin/api/rules/" + JsonHttp.segment(rule));
		}

	}

	/** The CDC bridge's API, cdc-bridge/README.md. */
	private record HttpSyncBridge(JsonHttp api) implements SyncBridge {

		@Override
		public Status status() {
			JsonNode sync = this.api.get("/api/sync");
			long lag = 0;
			for (JsonNode capture : sync.get("captures")) {
				if (capture.path("applying").asBoolean()) {
					lag = Math.max(lag, capture.path("status").path("lagMillis").asLong());
				}
			}
			return new Status(sync.get("direction").asString(), lag);
		}

		@Override
		public Parity parity(String mapping) {
			for (JsonNode report : this.api.get("/api/parity").get("mappings")) {
				if (report.get("mapping").asString().equals(mapping)) {
					List<String> keys = new ArrayList<>();
					for (String kind : List.of("missingOnTarget", "extraOnTarget", "different", "deadLettered")) {
						report.path(kind).forEach((key) -> keys.add(kind + " " + key.asString()));
					}
					boolean clean = report.get("differingRows").asLong() == 0 && keys.isEmpty();
					String summary = report.get("sourceRows").asLong() + " rows in the legacy table, "
							+ report.get("targetRows").asLong() + " in the new one, " + report.get("differingRows").asLong()
							+ " differing";
					return new Parity(clean, summary, keys);
				}
			}
			throw new ApiException("The bridge has no mapping '" + mapping + "'", 404);
		}

		@Override
		public void awaitCaughtUp() {
			this.api.send("POST", "/api/sync/barrier", null);
		}

		@Override
		public void switchDirection(String direction) {
			this.api.send("PUT", "/api/sync/direction", Map.of("direction", direction));
		}

	}

}
