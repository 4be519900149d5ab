#!/usr/bin/env bash
# Issue 17 item 1: candidate change-risk models judged on validation only (time split inside each project's
# training part, and leave one project out over the training parts); the test tails are never read.
# Usage: bench/predict/variants.sh [DATA_DIR [VARIANT,VARIANT... [held-out]]]
# held-out: once chosen, fit each named variant on two projects' training parts and score the third's test tail.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${1:-$root/../shared/data/jit}
cd "$root"
if [ -z "${CP:-}" ]; then
  ./mvnw -q -o -DskipTests test-compile
  ./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null
  CP="target/test-classes:target/classes:$(cat target/cp.txt)"
fi
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/ \+/ /g'), $(date -u +%F)"
java -cp "$CP" dev.vigil.predict.TransferVariantsBenchmark "$data" "${2:-}" ${3:-} 2>/dev/null
