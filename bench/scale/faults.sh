#!/usr/bin/env bash
# Scale-out under faults (issue 14): three Vigil replicas in cluster mode against one KRaft broker in its own JVM
# (Kafka jars from Maven Central, as Vigil ships them) and the local PostgreSQL, fed a counted load of SERIES series
# x POINTS points keyed by series at RATE records/s. During the stream: kill -9 of a replica (once the first counts
# are stored), a broker restart (SIGTERM, start again on the same log), PostgreSQL stopped for 30 s
# (pg_ctlcluster PG_CLUSTER stop/start). Then it checks end to end (dev.vigil.it.ClusterFaultScenario): every record
# acknowledged by the broker is counted exactly once per series, in the series registry and in the gate's stored
# rollups (sample counts), every series' stored detector state learnt every point exactly once (no reset), every
# spike is one stored anomaly and none is stored twice. Exit 0 when all hold.
#   bench/scale/faults.sh [SERIES=200] [POINTS=1500] [RATE=2000] [PG_CLUSTER="15 main"]
# Needs root for pg_ctlcluster, and stops the PostgreSQL server on 127.0.0.1:5432 for 30 s: run it where nothing
# else depends on that server. Builds the app and the test classes if they are missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
series=${1:-200}; points=${2:-1500}; rate=${3:-2000}; cluster=${4:-15 main}
[[ -f target/quarkus-app/quarkus-run.jar && -f target/test-classes/dev/vigil/it/ClusterFaultScenario.class ]] \
  || ./mvnw -q -DskipTests package
[[ -f target/faults-cp.txt ]] \
  || ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/faults-cp.txt >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:[[:space:]]*//p'), $(free -g | awk '/Mem:/{print $2}') GB," \
  "java $(java -version 2>&1 | head -1), $(psql --version 2>/dev/null || echo 'PostgreSQL'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/faults-cp.txt)" \
  -Dvigil.runner.jar="$PWD/target/quarkus-app/quarkus-run.jar" \
  dev.vigil.it.ClusterFaultScenario "$series" "$points" "$rate" "$cluster" "$work" 2> >(grep -v SLF4J >&2)
