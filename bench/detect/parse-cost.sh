#!/usr/bin/env bash
# CPU time per record of decoding Vigil-JSON metric records: Jackson tree vs the streaming read. See ParseCost.java.
#   bench/detect/parse-cost.sh [RECORDS=1000000] [ROUNDS=5]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
app=${APP:-$PWD/target/quarkus-app}
[[ -f $app/quarkus-run.jar ]] || ./mvnw -q -DskipTests package
java -Xmx1g -cp "$app/lib/main/*:$app/app/*" bench/detect/ParseCost.java "${1:-1000000}" "${2:-5}"
