#!/usr/bin/env bash
# Gate evaluation latency at a fixed request rate (open loop), against the packaged app on embedded defaults.
#   bench/gate/latency.sh [RATE=200] [SECONDS=60] [WARMUP_SECONDS=15] [ids]
# With "ids" every request carries a distinct requestId (stored before the answer, as idempotency needs).
# Builds the app if target/quarkus-app is missing. Runs Vigil in a temporary directory on free ports.
# VIGIL_JAVA_OPTS adds JVM options to Vigil (e.g. a JFR recording: -XX:StartFlightRecording=filename=/tmp/gate.jfr);
# unset, it lifts the gate's rate limit (1,200 a minute per token; this measures evaluation from one token at RATE/s);
# set it (even empty) for a build older than the rate limits, which refuses the unknown key;
# VIGIL_JAR runs another build (e.g. of an older commit, to compare in the same conditions);
# VIGIL_KEEP_LOG=FILE copies Vigil's log there at the end. CPU seconds of Vigil and of the load generator are
# printed, so one can see how much of the two cores the generator took.
set -euo pipefail
LIFT_GATE_LIMIT=-Dvigil.security.rate-limit.gate=100000000
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
rate=${1:-200}; seconds=${2:-60}; warmup=${3:-15}; ids=${4:-}
jar=${VIGIL_JAR:-$PWD/target/quarkus-app/quarkus-run.jar}
[[ -f "$jar" ]] || ./mvnw -q -DskipTests package
work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http=$(free_port); kafka=$(free_port); controller=$(free_port)
admin="vgl_bench-admin-$(date +%s)-0123456789"
(cd "$work" && exec java -Xmx1g ${VIGIL_JAVA_OPTS-$LIFT_GATE_LIMIT} -Dquarkus.http.port="$http" -Dvigil.kafka.embedded.port="$kafka" \
  -Dvigil.kafka.embedded.controller-port="$controller" -Dvigil.security.admin-token="$admin" \
  -jar "$jar" > vigil.log 2>&1) &
vigil=$!
trap 'kill $vigil 2>/dev/null || true; wait $vigil 2>/dev/null || true; [[ -z "${VIGIL_KEEP_LOG:-}" ]] || cp "$work/vigil.log" "$VIGIL_KEEP_LOG"; rm -rf "$work"' EXIT
# CPU seconds (user + system) of a process so far
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat"; }
for _ in $(seq 1 240); do curl -sf "localhost:$http/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "localhost:$http/q/health/ready" >/dev/null || { echo "Vigil did not become ready"; tail -50 "$work/vigil.log"; exit 1; }
token=$(curl -sf -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d '{"name":"bench","roles":["gate"]}' "localhost:$http/api/v1/admin/tokens" | sed -E 's/.*"token":"([^"]+)".*/\1/')
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:[[:space:]]*//p'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
before=$(cpu $vigil)
# The generator shares the cores: a small heap, the serial collector and the C1 compiler only keep it cheap.
java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dvigil.pid=$vigil bench/gate/GateLoad.java "http://localhost:$http" "$token" "$rate" "$seconds" "$warmup" $ids
echo "cpu seconds during warm-up and measured run: vigil $(echo "$(cpu $vigil) - $before" | bc) for $((rate * (seconds + warmup))) requests; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
