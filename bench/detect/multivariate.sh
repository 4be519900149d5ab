#!/usr/bin/env bash
# What the multivariate detector adds (issue 18, item 5): generated services whose key metrics (traffic, latency,
# error rate, CPU) are tied together, faults that break one relation while each metric stays in its usual range,
# and healthy services. Reports detection rate and median delay of the shipped univariate definitions alone, of
# the multivariate detector alone and of both, the false alarms per service per day on healthy services, and how
# long a forest takes to fit. Fixed seeds: two runs print the same detection figures. See MultivariateBenefit.
#   bench/detect/multivariate.sh                   # from anywhere; ~5-15 min on 2 cores
#   JAVA_OPTS="-Dvigil.bench.services=3 -Dvigil.bench.healthy=4 -Dvigil.bench.days=4" bench/detect/multivariate.sh
# Writes bench-out/multivariate/report.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
OUT=${MULTIVARIATE_OUT:-bench-out/multivariate}
./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/detect-test-cp.txt -Dmdep.includeScope=test >&2
mkdir -p "$OUT"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src detectors || echo '+uncommitted')"
machine="$(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
# shellcheck disable=SC2086
java -Xmx1g ${JAVA_OPTS:-} -Dvigil.bench.commit="$commit" -Dvigil.bench.machine="$machine" \
  -cp "target/test-classes:target/classes:$(cat target/detect-test-cp.txt)" \
  dev.vigil.bench.detect.MultivariateBenefit | tee "$OUT/report.txt"
[[ -z "${JAVA_OPTS:-}" ]] || echo "# JAVA_OPTS: $JAVA_OPTS" | tee -a "$OUT/report.txt"
