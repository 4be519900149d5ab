#!/usr/bin/env bash
# Heap and serialised state per series for 100,000 default detectors.
#   bench/detect/memory.sh [series] [points-per-series]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/detect-test-cp.txt -Dmdep.includeScope=test >&2
java -Xms1g -Xmx1g -XX:+UseSerialGC -cp "target/test-classes:target/classes:$(cat target/detect-test-cp.txt)" \
  dev.vigil.bench.detect.DetectorMemory "$@"
