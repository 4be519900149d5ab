#!/usr/bin/env bash
# Vigil's Kafka-record-to-score path against a bare KafkaConsumer (with and without a Jackson parse of each record)
# on the same topic, broker and run; prints records/s of each and the ratios. See bench/detect/ConsumeRatio.java.
#   bench/detect/consume-ratio.sh [SERIES=10000] [WARMUP=1000000] [MEASURED=3000000]
# Builds the app if target/quarkus-app is missing (APP=dir to use another build). VIGIL_JAVA_OPTS go to Vigil.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
series=${1:-10000}; warmup=${2:-1000000}; measured=${3:-3000000}
app=${APP:-$PWD/target/quarkus-app}
[[ -f $app/quarkus-run.jar ]] || ./mvnw -q -DskipTests package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:[[:space:]]*//p'), java $(java -version 2>&1 | head -1)," \
  "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ); app: $app"
CLK_TCK=$(getconf CLK_TCK) java -Xmx1g -cp "$app/lib/main/*:$app/app/*" bench/detect/ConsumeRatio.java \
  "$app" "$work" "$series" "$warmup" "$measured" 2> >(grep -v -e SLF4J -e '^WARNING' >&2)
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
