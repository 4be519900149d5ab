#!/usr/bin/env bash
# Gate evaluation latency at a fixed request rate (open loop), against the packaged app on embedded defaults.
#   bench/gate/latency.sh [RATE=200] [SECONDS=60] [WARMUP_SECONDS=15]
# Builds the app if target/quarkus-app is missing. Runs Vigil in a temporary directory on free ports.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
rate=${1:-200}; seconds=${2:-60}; warmup=${3:-15}
[[ -f target/quarkus-app/quarkus-run.jar ]] || ./mvnw -q -DskipTests package
jar=$PWD/target/quarkus-app/quarkus-run.jar
work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http=$(free_port); kafka=$(free_port); controller=$(free_port)
admin="vgl_bench-admin-$(date +%s)-0123456789"
(cd "$work" && exec java -Xmx1g -Dquarkus.http.port="$http" -Dvigil.kafka.embedded.port="$kafka" \
  -Dvigil.kafka.embedded.controller-port="$controller" -Dvigil.security.admin-token="$admin" \
  -jar "$jar" > vigil.log 2>&1) &
vigil=$!
trap 'kill $vigil 2>/dev/null; wait $vigil 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 240); do curl -sf "localhost:$http/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "localhost:$http/q/health/ready" >/dev/null || { echo "Vigil did not become ready"; tail -50 "$work/vigil.log"; exit 1; }
token=$(curl -sf -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d '{"name":"bench","roles":["gate"]}' "localhost:$http/api/v1/admin/tokens" | sed -E 's/.*"token":"([^"]+)".*/\1/')
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:[[:space:]]*//p'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/gate/GateLoad.java "http://localhost:$http" "$token" "$rate" "$seconds" "$warmup"
