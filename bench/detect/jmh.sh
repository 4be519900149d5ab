#!/usr/bin/env bash
# JMH throughput of the default detector (points/s on one thread).
#   bench/detect/jmh.sh [extra JMH args, e.g. -wi 1 -i 2 for a quick look]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/detect-test-cp.txt -Dmdep.includeScope=test >&2
java -cp "target/test-classes:target/classes:$(cat target/detect-test-cp.txt)" org.openjdk.jmh.Main \
  'dev.vigil.bench.detect.SeasonalDetectorBenchmark' -t 1 "$@"
