package com.figmart.cdc.bridge;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.figmart.cdc.core.CaptureStatus;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * DOWN, with the reason, when a capture's engine has failed, when a slot is missing or inactive for longer
 * than {@code figmart.cdc.slot-inactive-timeout}, or when a slot retains more WAL than
 * {@code figmart.cdc.wal-down-threshold} (below 1 GiB: the server must not fill its disk for a stuck bridge).
 */
@Component("cdc")
class SyncHealthIndicator extends AbstractHealthIndicator {

	private final SyncBridge bridge;

	private final Map<String, Instant> unhealthySlotsSince = new ConcurrentHashMap<>();

	SyncHealthIndicator(SyncBridge bridge) {
		super("CDC bridge health check failed");
		this.bridge = bridge;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		var properties = this.bridge.properties();
		builder.up().withDetail("direction", this.bridge.direction());
		for (var side : this.bridge.sides()) {
			var status = side.capture().status();
			var slot = SyncStatus.safeSlot(side);
			var engine = status.engine();
			builder.withDetail(engine, Map.of("state", status.state(), "slotActive", slot.active(), "retainedWalBytes",
					slot.retainedBytes(), "lagMillis", status.lagMillis()));
			if (status.state() == CaptureStatus.State.FAILED || status.state() == CaptureStatus.State.RESTARTING) {
				builder.down().withDetail("reason", engine + ": engine failed: " + status.failure());
			}
			if (slot.retainedBytes() > properties.walDownThreshold().toBytes()) {
				builder.down().withDetail("reason", engine + ": slot " + slot.slotName() + " retains "
						+ slot.retainedBytes() + " bytes of WAL, more than the threshold of "
						+ properties.walDownThreshold().toBytes() + " bytes");
			}
			if (!slot.exists() || !slot.active()) {
				var since = this.unhealthySlotsSince.computeIfAbsent(slot.slotName(), ignored -> Instant.now());
				var inactive = Duration.between(since, Instant.now());
				if (inactive.compareTo(properties.slotInactiveTimeout()) > 0) {
					builder.down().withDetail("reason", engine + ": slot " + slot.slotName()
							+ (slot.exists() ? " inactive" : " missing") + " for " + inactive.toSeconds() + "s");
				}
			}
			else {
				this.unhealthySlotsSince.remove(slot.slotName());
			}
		}
	}
}
