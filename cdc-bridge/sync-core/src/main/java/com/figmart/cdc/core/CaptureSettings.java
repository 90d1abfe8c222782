package com.figmart.cdc.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How one capture reads one source database.
 *
 * @param engine the engine's name: its offsets are stored under it, and it is Debezium's topic prefix
 * @param offsetStore the database whose {@code cdc_bridge.source_offset} keeps the offsets
 * @param snapshot whether a capture without stored offsets first copies the existing rows
 * @param messagePrefix the prefix of the bridge's logical decoding messages ({@code -echo},
 *        {@code -barrier} are appended)
 */
public record CaptureSettings(String engine, JdbcEndpoint source, JdbcEndpoint offsetStore, String slotName,
		String publicationName, boolean snapshot, Duration heartbeatInterval, Duration pollInterval,
		int maxBatchSize, int maxQueueSize, Duration offsetFlushInterval, String messagePrefix,
		Duration restartDelay) {

	public CaptureSettings {
		Objects.requireNonNull(engine, "engine");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(offsetStore, "offsetStore");
		if (!slotName.matches("[a-z0-9_]+")) {
			throw new IllegalArgumentException("A slot name has only a-z, 0-9 and _: " + slotName);
		}
		heartbeatInterval = (heartbeatInterval != null) ? heartbeatInterval : Duration.ofSeconds(2);
		pollInterval = (pollInterval != null) ? pollInterval : Duration.ofMillis(50);
		maxBatchSize = (maxBatchSize > 0) ? maxBatchSize : 2048;
		maxQueueSize = (maxQueueSize > 0) ? maxQueueSize : 8192;
		offsetFlushInterval = (offsetFlushInterval != null) ? offsetFlushInterval : Duration.ofSeconds(1);
		messagePrefix = (messagePrefix != null) ? messagePrefix : "figmart-cdc";
		restartDelay = (restartDelay != null) ? restartDelay : Duration.ofSeconds(2);
	}

	/** Settings with the defaults for everything but the names and databases. */
	public static CaptureSettings of(String engine, JdbcEndpoint source, JdbcEndpoint offsetStore, String slotName,
			boolean snapshot) {
		return new CaptureSettings(engine, source, offsetStore, slotName, slotName + "_publication", snapshot, null,
				null, 0, 0, null, null, null);
	}

	public CaptureSettings withHeartbeatInterval(Duration interval) {
		return new CaptureSettings(this.engine, this.source, this.offsetStore, this.slotName, this.publicationName,
				this.snapshot, interval, this.pollInterval, this.maxBatchSize, this.maxQueueSize,
				this.offsetFlushInterval, this.messagePrefix, this.restartDelay);
	}

	public String echoPrefix() {
		return this.messagePrefix + "-echo";
	}

	public String barrierPrefix() {
		return this.messagePrefix + "-barrier";
	}
}
