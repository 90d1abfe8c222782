package com.figmart.cdc.bridge;

import java.util.function.ToDoubleFunction;

import com.figmart.cdc.core.CaptureStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/** The captures' numbers as Micrometer meters ({@code cdc.*}, tagged with the engine and its side). */
@Component
class SyncMetrics implements MeterBinder {

	private final SyncBridge bridge;

	SyncMetrics(SyncBridge bridge) {
		this.bridge = bridge;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (var direction : Direction.values()) {
			var tags = Tags.of("side", direction.name());
			counter(registry, "cdc.events.received", tags, direction, CaptureStatus::received);
			counter(registry, "cdc.events.applied", tags, direction, CaptureStatus::applied);
			counter(registry, "cdc.events.skipped", tags, direction, CaptureStatus::skipped);
			counter(registry, "cdc.events.dead.lettered", tags, direction, CaptureStatus::deadLettered);
			counter(registry, "cdc.events.echoes.dropped", tags, direction, CaptureStatus::echoesDropped);
			counter(registry, "cdc.errors", tags, direction, CaptureStatus::errors);
			gauge(registry, "cdc.lag", "milliseconds", tags, direction, CaptureStatus::lagMillis);
			gauge(registry, "cdc.events.rate", "events/s", tags, direction, CaptureStatus::eventsPerSecond);
			gauge(registry, "cdc.snapshot.rows.done", "rows", tags, direction, status -> status.snapshot().values()
				.stream().mapToLong(CaptureStatus.SnapshotProgress::done).sum());
			gauge(registry, "cdc.snapshot.rows.total", "rows", tags, direction, status -> status.snapshot().values()
				.stream().mapToLong(CaptureStatus.SnapshotProgress::total).sum());
			Gauge.builder("cdc.lag.wal", this, metrics -> metrics.slotValue(direction, false)).baseUnit("bytes")
				.tags(tags).register(registry);
			Gauge.builder("cdc.slot.retained.wal", this, metrics -> metrics.slotValue(direction, true))
				.baseUnit("bytes").tags(tags).register(registry);
			Gauge.builder("cdc.slot.active", this, metrics -> metrics.slotActive(direction)).tags(tags)
				.register(registry);
			Gauge.builder("cdc.direction.applying", this, metrics -> (this.bridge.direction() == direction) ? 1 : 0)
				.tags(tags).register(registry);
		}
	}

	private void counter(MeterRegistry registry, String name, Tags tags, Direction direction,
			ToDoubleFunction<CaptureStatus> value) {
		FunctionCounter.builder(name, this, metrics -> metrics.value(direction, value)).tags(tags).register(registry);
	}

	private void gauge(MeterRegistry registry, String name, String unit, Tags tags, Direction direction,
			ToDoubleFunction<CaptureStatus> value) {
		Gauge.builder(name, this, metrics -> metrics.value(direction, value)).baseUnit(unit).tags(tags).register(registry);
	}

	private double value(Direction direction, ToDoubleFunction<CaptureStatus> value) {
		return this.bridge.sides().stream().filter(side -> side.direction() == direction).findFirst()
			.map(side -> value.applyAsDouble(side.capture().status())).orElse(Double.NaN);
	}

	private double slotValue(Direction direction, boolean retained) {
		return this.bridge.sides().stream().filter(side -> side.direction() == direction).findFirst()
			.map(SyncStatus::safeSlot)
			.map(slot -> (double) (retained ? slot.retainedBytes() : slot.unconfirmedBytes())).orElse(Double.NaN);
	}

	private double slotActive(Direction direction) {
		return this.bridge.sides().stream().filter(side -> side.direction() == direction).findFirst()
			.map(SyncStatus::safeSlot).map(slot -> slot.active() ? 1.0 : 0.0).orElse(Double.NaN);
	}
}
