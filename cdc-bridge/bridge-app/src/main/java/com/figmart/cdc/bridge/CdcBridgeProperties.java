package com.figmart.cdc.bridge;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.figmart.cdc.core.Conversion;
import com.figmart.cdc.core.FieldMapping;
import com.figmart.cdc.core.FieldPath;
import com.figmart.cdc.core.JdbcEndpoint;
import com.figmart.cdc.core.TableMapping;
import com.figmart.cdc.core.TableName;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The bridge's settings ({@code figmart.cdc.*}).
 *
 * @param name the bridge's name: engine names, slot names and the stored direction derive from it
 * @param source the legacy database (system of record while the direction is FORWARD)
 * @param target the new database; it also keeps the offsets and the direction
 * @param mappings what to carry, declared once for both directions
 * @param reverse whether to capture the target too (needed for the REVERSE direction)
 * @param walDownThreshold health turns DOWN when a slot retains more WAL than this
 * @param slotInactiveTimeout health turns DOWN when a slot is missing or inactive for longer than this
 * @param barrierTimeout how long a barrier (and so a direction switch) waits at most
 */
@ConfigurationProperties("figmart.cdc")
public record CdcBridgeProperties(@DefaultValue("figmart_cdc") String name, Database source, Database target,
		List<Mapping> mappings, @DefaultValue("true") boolean reverse, @DefaultValue Engine engine,
		@DefaultValue("512MB") DataSize walDownThreshold, @DefaultValue("60s") Duration slotInactiveTimeout,
		@DefaultValue("5s") Duration barrierTimeout, @DefaultValue("100") int parityMaxNamedRows) {

	public CdcBridgeProperties {
		if (walDownThreshold.toBytes() >= DataSize.ofGigabytes(1).toBytes()) {
			throw new IllegalArgumentException("figmart.cdc.wal-down-threshold must stay below 1GB, so that health "
					+ "turns DOWN before a slot holds 1 GiB of WAL: " + walDownThreshold);
		}
		mappings = (mappings != null) ? List.copyOf(mappings) : List.of();
	}

	public record Database(String url, @DefaultValue("postgres") String username, @DefaultValue("") String password) {

		JdbcEndpoint endpoint() {
			return new JdbcEndpoint(this.url, this.username, this.password);
		}
	}

	/**
	 * Debezium tuning, the same for both captures.
	 */
	public record Engine(@DefaultValue("2s") Duration heartbeatInterval, @DefaultValue("50ms") Duration pollInterval,
			@DefaultValue("2048") int maxBatchSize, @DefaultValue("8192") int maxQueueSize,
			@DefaultValue("1s") Duration offsetFlushInterval, @DefaultValue("2s") Duration restartDelay,
			@DefaultValue("figmart-cdc") String messagePrefix) {
	}

	/**
	 * One table mapping.
	 *
	 * @param fields source field to target field, each {@code column} or {@code jsonbColumn.key}
	 * @param conversions source field to conversion name, for fields that are not copied as they are
	 * @param key the source fields of the key (the source table's primary key)
	 */
	public record Mapping(String name, String sourceTable, String targetTable, List<String> key,
			Map<String, String> fields, Map<String, String> conversions) {

		TableMapping toTableMapping() {
			var conversionsByField = (this.conversions != null) ? this.conversions : Map.<String, String>of();
			var fieldMappings = new LinkedHashMap<String, String>(this.fields).entrySet().stream()
				.map(field -> new FieldMapping(FieldPath.parse(field.getKey()), FieldPath.parse(field.getValue()),
						Conversion.named(conversionsByField.getOrDefault(field.getKey(), "identity"))))
				.toList();
			return new TableMapping(this.name, TableName.parse(this.sourceTable), TableName.parse(this.targetTable),
					fieldMappings, this.key.stream().map(FieldPath::parse).toList());
		}
	}
}
