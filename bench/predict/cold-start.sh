#!/usr/bin/env bash
# Regenerates the shipped cold-start model src/main/resources/models/cold-start-jit.json from the public JIT data.
# Usage: bench/predict/cold-start.sh [DATA_DIR]   (default ../shared/data/jit relative to the repository root)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${1:-$root/../shared/data/jit}
cd "$root"
./mvnw -q compile
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
java -cp "target/classes:$(cat target/cp.txt)" dev.vigil.predict.ColdStartModelBuilder \
  --data "$data" --output src/main/resources/models/cold-start-jit.json 2>/dev/null
