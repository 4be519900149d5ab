#!/usr/bin/env bash
# False alarms of the shipped default definition on anomaly-free generated streams (Gaussian, Student-t 3 df,
# daily-seasonal, Poisson counts, random walk) at 10 s, 60 s and 300 s sampling, and the share of deploys of an
# all-noise 50-series service that the default gate policy fails (issue 18, items 1 and 6). See FalseAlarmRate.
#   bench/detect/false-alarms.sh                     # from anywhere; ~1-3 min on 2 cores
#   JAVA_OPTS="-Dvigil.bench.series=10 -Dvigil.bench.days=5" bench/detect/false-alarms.sh   # a quick look
# Extra JVM options (also detector knobs read as system properties) go in JAVA_OPTS.
# Writes bench-out/false-alarms/report.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
OUT=${FALSE_ALARMS_OUT:-bench-out/false-alarms}
./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/detect-test-cp.txt -Dmdep.includeScope=test >&2
mkdir -p "$OUT"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src detectors policies || echo '+uncommitted')"
machine="$(lscpu | sed -n 's/^Model name: *//p')"
# shellcheck disable=SC2086
java -Xmx1g ${JAVA_OPTS:-} -Dvigil.bench.commit="$commit" -Dvigil.bench.machine="$machine" \
  -cp "target/test-classes:target/classes:$(cat target/detect-test-cp.txt)" \
  dev.vigil.bench.detect.FalseAlarmRate | tee "$OUT/report.txt"
[[ -z "${JAVA_OPTS:-}" ]] || echo "# JAVA_OPTS: $JAVA_OPTS" | tee -a "$OUT/report.txt"
