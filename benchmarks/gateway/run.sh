#!/usr/bin/env bash
# The gateway benchmark of issue 3: direct, nginx and the gateway (1 rule, 1,000 rules, SHADOW) side by side,
# wrk for throughput, an open-loop driver for latency at equal rates. See benchmarks/gateway/README.md.
#
#   benchmarks/gateway/run.sh --quick      # smoke run, about 2.5 minutes
#   benchmarks/gateway/run.sh              # full run, about 13 minutes; the report goes to benchmarks/gateway/results/
#   benchmarks/gateway/run.sh --help       # every option
#
# Builds the gateway jar and the benchmarks jar first when they are missing or older than their sources
# (--build forces it). MVN overrides the Maven command, e.g. MVN="flock /tmp/figmart-maven.lock ./mvnw -o".
set -euo pipefail
cd "$(dirname "$0")/../.."

MVN=${MVN:-./mvnw}
GATEWAY_JAR=strangler-gateway/gateway-app/target/strangler-gateway.jar
BENCH_JAR=benchmarks/target/benchmarks.jar

# Debian installs nginx in /usr/sbin, which is not on a normal user's PATH.
NGINX=$(command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)
missing=()
for tool in java wrk; do
	command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ -n "$NGINX" ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
	cat >&2 <<EOF
run.sh: missing: ${missing[*]}
  The benchmark drives load with wrk and compares with nginx as a plain reverse proxy, both Debian packages:
    sudo apt-get install -y wrk nginx
  (nginx is only started by the benchmark, with its own configuration in a temporary directory; the system
  service does not need to run. ApacheBench 'ab' is not a substitute: one thread, HTTP/1.0, no keep-alive.)
  java: a JDK 17 or newer on PATH.
EOF
	exit 2
fi

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

if $build || stale "$GATEWAY_JAR" strangler-gateway/rule-engine/src strangler-gateway/rule-engine/pom.xml \
	strangler-gateway/gateway-app/src/main strangler-gateway/gateway-app/pom.xml; then
	echo "Building the gateway: $MVN -B -q -pl strangler-gateway/gateway-app -am package -DskipTests"
	$MVN -B -q -pl strangler-gateway/gateway-app -am package -DskipTests
fi
if $build || stale "$BENCH_JAR" benchmarks/src/main benchmarks/pom.xml; then
	echo "Building the benchmarks: $MVN -B -q -pl benchmarks package -DskipTests"
	$MVN -B -q -pl benchmarks package -DskipTests
fi

# The driver JVM (wrk runs outside it; the open-loop driver inside). Small and fixed, like the servers' JVMs.
exec java -Xms256m -Xmx512m -XX:+UseParallelGC -cp "$BENCH_JAR" com.figmart.benchmarks.gateway.GatewayBenchmark \
	--nginx "$NGINX" ${args[@]+"${args[@]}"}
