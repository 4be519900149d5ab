#!/usr/bin/env bash
# Vigil against a rolling median/MAD z-score on a generated corpus of service metrics with labelled incidents
# (request rates, latencies, error counts, CPU, queue depths; see service_metrics.py), scored by nab_score.py, with
# one point a minute and the same incidents with one point per 5 minutes.
#   bench/detect/service-metrics.sh              # from anywhere; ~3 min on 2 cores
# Vigil runs the shipped detectors/default.yaml (at its shipped threshold; the best one in brackets). The baseline is
# |x - median| / MAD over the last 1 h, 6 h and 1 day of points with one alarm per excursion (a point counts only when
# larger than every z of the last 48 points: Vigil's alarm hold; raw per point it alarms on every noisy point and
# scores 0), each at the threshold best for it: optimistic for the baseline.
# JAVA_OPTS: extra JVM options for the backtest. Writes bench-out/service-metrics/report.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
SCORER=${NAB_SCORER:-../shared/tools/nab_score.py}
OUT=${SERVICE_METRICS_OUT:-bench-out/service-metrics}
DEFINITION=detectors/default.yaml
THRESHOLD=$(sed -n 's/^ *info: *\([0-9.]*\).*/\1/p' "$DEFINITION" | head -1)
KINDS="requests latency errors cpu queue"
export VIGIL_FROM_CLASSES=${VIGIL_FROM_CLASSES-1}
source bench/detect/classpath.sh
rm -rf "$OUT"
mkdir -p "$OUT"

# standard-profile score of results dir $1 (extra nab_score.py options after it): "<at fixed or best> (<best>)"
score() {
  python3 "$SCORER" --nab-root "$ROOT" --results "$@" | awk '/^standard/ { print ($5 == "" ? $4 : $7 " (" $4 ")") }'
}

{
  dirty=$(git diff --quiet HEAD -- src detectors || echo '+uncommitted')
  echo "# $(date -u +%FT%TZ) $(git rev-parse --short HEAD)$dirty on $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
  echo "# generated service metrics: 60 series x 7 days, 119 incidents; NAB standard profile; Vigil at $THRESHOLD (best)"
  printf '%-6s %-9s %-16s %-13s %-13s %-13s\n' step kind vigil "MAD 1 h" "MAD 6 h" "MAD 1 day"
  for step in 1 5; do
    ROOT=$OUT/step-$step/root
    python3 bench/detect/service_metrics.py generate "$ROOT" "$step"
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:-} -cp "$CP" dev.vigil.backtest.BacktestCommand --detector "$DEFINITION" \
      --input "$ROOT/data" --output "$OUT/step-$step/vigil" > /dev/null
    windows=()
    for minutes in 60 360 1440; do
      points=$((minutes / step))
      python3 bench/detect/service_metrics.py baseline "$ROOT" "$OUT/step-$step/mad-$points" "$points" 48
      windows+=("$OUT/step-$step/mad-$points")
    done
    for kind in all $KINDS; do
      glob=(); [[ $kind == all ]] || glob=(--files-glob "$kind/*")
      printf '%-6s %-9s %-16s' "${step} min" "$kind" "$(score "$OUT/step-$step/vigil" --threshold-fixed "$THRESHOLD" "${glob[@]}")"
      for dir in "${windows[@]}"; do printf ' %-13s' "$(score "$dir" "${glob[@]}")"; done
      echo
    done
  done
  echo
  echo "# Vigil per file at the shipped threshold $THRESHOLD, 1 min then 5 min:"
  for step in 1 5; do
    ROOT=$OUT/step-$step/root
    python3 "$SCORER" --nab-root "$ROOT" --results "$OUT/step-$step/vigil" --threshold-fixed "$THRESHOLD" --per-file \
      | sed -n "/per-file, profile standard, threshold $THRESHOLD/,/^\$/p"
  done
} > "$OUT/report.txt"
sed -n '1,/^$/p' "$OUT/report.txt"
echo "(per-file scores in $OUT/report.txt; what each window holds in $OUT/step-1/root/labels/incidents.json)"
