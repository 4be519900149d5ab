#!/usr/bin/env bash
# Kafka record -> score, end to end: the packaged app on embedded defaults (in-process KRaft broker, H2), fed
# Vigil-JSON metric samples by bench/detect/KafkaLoad.java from a second JVM on the same machine.
#   bench/detect/e2e.sh [SERIES=10000] [RATE=100000] [SECONDS=60] [WARMUP_SECONDS=60] [BACKLOG=3000000]
# Builds the app if target/quarkus-app is missing. Runs Vigil in a temporary directory on free ports.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
series=${1:-10000}; rate=${2:-100000}; seconds=${3:-60}; warmup=${4:-60}; backlog=${5:-3000000}
[[ -f target/quarkus-app/quarkus-run.jar ]] || ./mvnw -q -DskipTests package
lib=$PWD/target/quarkus-app/lib/main
jar=$PWD/target/quarkus-app/quarkus-run.jar
work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http=$(free_port); kafka=$(free_port); controller=$(free_port)
(cd "$work" && exec java -Xmx2g ${VIGIL_JAVA_OPTS:-} -Dquarkus.http.port="$http" -Dvigil.kafka.embedded.port="$kafka" \
  -Dvigil.kafka.embedded.controller-port="$controller" -Dvigil.security.admin-token="vgl_bench-admin-0123456789abcdef" \
  -jar "$jar" > vigil.log 2>&1) &
vigil=$!
trap 'kill $vigil 2>/dev/null; wait $vigil 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 240); do curl -sf "localhost:$http/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "localhost:$http/q/health/ready" >/dev/null || { echo "Vigil did not become ready"; tail -50 "$work/vigil.log"; exit 1; }
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }
pid=$(pgrep -f -n "quarkus.http.port=$http")
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:[[:space:]]*//p'), java $(java -version 2>&1 | head -1)," \
  "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
cpu0=$(cpu_seconds "$pid"); t0=$(date +%s.%N)
cp="$(ls "$lib"/org.apache.kafka.kafka-clients-*.jar "$lib"/*lz4*.jar "$lib"/*snappy*.jar "$lib"/*zstd*.jar \
  "$lib"/org.slf4j.slf4j-api-*.jar | tr '\n' ':')"
java -Xmx1g -cp "$cp" bench/detect/KafkaLoad.java "localhost:$kafka" "$series" "$rate" "$seconds" "$warmup" "$backlog" \
  "$pid" "$(getconf CLK_TCK)" \
  2> >(grep -v SLF4J >&2)
cpu1=$(cpu_seconds "$pid"); t1=$(date +%s.%N)
echo "Vigil threads by CPU seconds (top 8, numbers in thread names folded):"
for t in /proc/"$pid"/task/*; do [[ -r "$t/stat" ]] || continue
  awk -v hz="$(getconf CLK_TCK)" -v name="$(tr -d '\n' < "$t/comm" 2>/dev/null | sed 's/[0-9]\+/N/g')" '{ print ($14 + $15) / hz "\t" name }' "$t/stat"
done 2>/dev/null | awk -F'\t' '{ s[$2] += $1 } END { for (k in s) printf "%8.1f  %s\n", s[k], k }' | sort -rn | head -8
metrics=$(curl -sf "localhost:$http/q/metrics")
scored=$(sed -n 's/^vigil_detect_points_scored_total \(.*\)/\1/p' <<<"$metrics")
ignored=$(sed -n 's/^vigil_detect_points_ignored_total \(.*\)/\1/p' <<<"$metrics")
echo "Vigil: scored ${scored} points, ignored ${ignored}; process CPU $(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN{printf "%.0f", b-a}') s" \
  "over $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f", b-a}') s wall; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
