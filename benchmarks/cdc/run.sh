#!/usr/bin/env bash
# The CDC benchmark of issue 4: the Figmart CDC bridge and PostgreSQL's own logical replication between the same
# two embedded PostgreSQL servers, measured on one clock. See benchmarks/cdc/README.md.
#
#   benchmarks/cdc/run.sh --quick      # smoke run with small sizes, about a minute per system
#   benchmarks/cdc/run.sh              # full run, about 10 minutes; the report goes to benchmarks/cdc/results/
#   benchmarks/cdc/run.sh --help       # every option
#
# Builds the benchmarks jar, and the bridge jar when the cdc-bridge module exists, when they are missing or older
# than their sources (--build forces it). Without the bridge only native replication is measured.
# MVN overrides the Maven command, e.g. MVN="flock /tmp/figmart-maven.lock ./mvnw -o".
set -euo pipefail
cd "$(dirname "$0")/../.."

MVN=${MVN:-./mvnw}
BRIDGE_JAR=cdc-bridge/bridge-app/target/cdc-bridge.jar
BENCH_JAR=benchmarks/target/benchmarks.jar

command -v java >/dev/null 2>&1 || { echo "run.sh: java (a JDK 17 or newer) is not on PATH" >&2; exit 2; }

build=false
args=()
for arg in "$@"; do
	if [ "$arg" = "--build" ]; then build=true; else args+=("$arg"); fi
done

# true when the jar is missing or any file under the given paths is newer than it
stale() {
	local jar=$1; shift
	[ ! -f "$jar" ] && return 0
	[ -n "$(find "$@" -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

if [ -f cdc-bridge/bridge-app/pom.xml ]; then
	# every source and pom of the bridge's modules, not their build output
	if $build || [ ! -f "$BRIDGE_JAR" ] \
		|| [ -n "$(find cdc-bridge -path '*/target' -prune -o -type f -newer "$BRIDGE_JAR" -print -quit)" ]; then
		echo "Building the bridge: $MVN -B -q -pl cdc-bridge/bridge-app -am package -DskipTests"
		$MVN -B -q -pl cdc-bridge/bridge-app -am package -DskipTests
	fi
else
	echo "run.sh: no cdc-bridge/bridge-app in this checkout: measuring native replication only" >&2
fi
if $build || stale "$BENCH_JAR" benchmarks/src/main benchmarks/pom.xml; then
	echo "Building the benchmarks: $MVN -B -q -pl benchmarks package -DskipTests"
	$MVN -B -q -pl benchmarks package -DskipTests
fi

# The writer's JVM: small and fixed. PostgreSQL runs in its own processes, the bridge in its own JVM.
exec java -Xms256m -Xmx1g -XX:+UseParallelGC -cp "$BENCH_JAR" com.figmart.benchmarks.cdc.CdcBenchmark \
	${args[@]+"${args[@]}"}
