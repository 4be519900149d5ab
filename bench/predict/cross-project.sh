#!/usr/bin/env bash
# Leave-one-project-out AUC of both candidate models on the JIT data: the evidence for the cold-start model choice.
# Usage: bench/predict/cross-project.sh [DATA_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${1:-$root/../shared/data/jit}
cd "$root"
./mvnw -q test-compile
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null
java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" dev.vigil.predict.CrossProjectBenchmark "$data" \
  2>/dev/null
