#!/usr/bin/env bash
# Points per CPU-second of the default detector (robust to a loaded machine; see DetectorCpuThroughput).
# JAVA_OPTS="-Dvigil.bench.step-seconds=10" samples the series every 10 s instead of every 5 minutes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/detect-test-cp.txt -Dmdep.includeScope=test >&2
java -Xmx1g ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/detect-test-cp.txt)" \
  dev.vigil.bench.detect.DetectorCpuThroughput
