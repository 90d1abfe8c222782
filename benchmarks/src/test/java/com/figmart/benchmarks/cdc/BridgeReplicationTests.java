package com.figmart.benchmarks.cdc;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BridgeReplicationTests {

	@Test
	void fillsThePlaceholdersOfTheTemplate() {
		String text = BridgeReplication.render("figmart.cdc.source.url=${source.jdbc-url}\nx=${source.port}\n",
				Map.of("source.jdbc-url", "jdbc:postgresql://127.0.0.1:5/cdc_source", "source.port", "5"));

		assertThat(text).isEqualTo("figmart.cdc.source.url=jdbc:postgresql://127.0.0.1:5/cdc_source\nx=5\n");
	}

	@Test
	void aSettingGivenOnTheCommandLineReplacesTheTemplatesOrIsAdded() {
		String text = BridgeReplication.override("# comment\nfigmart.cdc.engine.poll-interval=50ms\nother=1",
				Map.of("figmart.cdc.engine.poll-interval", "10ms", "added", "yes"));

		assertThat(text).startsWith("# comment\nother=1\n")
			.contains("figmart.cdc.engine.poll-interval=10ms\n")
			.contains("added=yes\n")
			.doesNotContain("50ms");
	}

}
