package com.figmart.migration.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

import com.figmart.migration.topology.PidFile;
import com.figmart.migration.topology.Topology;

/** Where the topology is declared and where a started one records its processes. */
final class TopologyOptions {

	@Option(names = "--topology", paramLabel = "FILE", defaultValue = "migration-plan/topology.yml",
			description = "The topology to run (default: ${DEFAULT-VALUE}).")
	Path topology;

	@Option(names = "--pid-file", paramLabel = "FILE", defaultValue = "data/figmart/topology.pid",
			description = "Where a started topology records its processes (default: ${DEFAULT-VALUE}).")
	Path pidFile;

	Topology read() {
		return Topology.read(this.topology);
	}

	PidFile pids() {
		return new PidFile(this.pidFile);
	}

}
