#!/usr/bin/env bash
# Points per CPU-second of the default detector (robust to a loaded machine; see DetectorCpuThroughput).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/detect-test-cp.txt -Dmdep.includeScope=test >&2
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/detect-test-cp.txt)" \
  dev.vigil.bench.detect.DetectorCpuThroughput
