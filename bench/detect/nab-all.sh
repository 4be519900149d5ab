#!/usr/bin/env bash
# NAB on all 48 files we have (the 35 of ../shared/data/nab and the 13 held-out ones of bench/detect/nab-heldout)
# with the shipped default definition (detectors/default.yaml), and each category left out in turn: the
# threshold best on the other categories, applied to the one left out (issue 18, item 6), then the three published
# detectors of nab-published.csv on the same files, normalised the same way. See nab_all.py.
#   bench/detect/nab-all.sh                                  # from anywhere; ~1-2 min on 2 cores
#   JAVA_OPTS="-Dsome.detector.knob=0.3" NAB_ALL_OUT=bench-out/nab-all-knob bench/detect/nab-all.sh
# JAVA_OPTS: extra JVM options (system properties) for the backtest, to try a parameter variant without editing
# anything. NAB_ALL_OUT: output directory (default bench-out/nab-all). THRESHOLD: overrides the shipped threshold
# read from detectors/default.yaml (severity.info). The backtest runs the current sources (compiled first);
# VIGIL_FROM_CLASSES= (empty) lets classpath.sh use a packaged target/quarkus-app instead.
# Writes $NAB_ALL_OUT/report.txt (the tables, then nab_score.py's own output with per-file scores), the merged
# NAB root $NAB_ALL_OUT/root and the scores $NAB_ALL_OUT/vigil/<category>/<file>.csv.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
SHARED=${NAB_ROOT:-../shared/data/nab}
HELDOUT=bench/detect/nab-heldout
SCORER=${NAB_SCORER:-../shared/tools/nab_score.py}
OUT=${NAB_ALL_OUT:-bench-out/nab-all}
DEFINITION=detectors/default.yaml
THRESHOLD=${THRESHOLD:-$(sed -n 's/^ *info: *\([0-9.]*\).*/\1/p' "$DEFINITION" | head -1)}
[[ -n "$THRESHOLD" ]] || { echo "no severity.info in $DEFINITION: set THRESHOLD" >&2; exit 1; }

export VIGIL_FROM_CLASSES=${VIGIL_FROM_CLASSES-1}   # measure the sources as they are, not a stale package
source bench/detect/classpath.sh
rm -rf "$OUT/vigil" "$OUT/root"
mkdir -p "$OUT"
python3 bench/detect/nab_all.py merge "$OUT/root" "$SHARED" "$HELDOUT" >&2
start=$(date +%s.%N)
for root in "$SHARED" "$HELDOUT"; do   # two runs: the backtest does not follow the merged root's symlinks
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -cp "$CP" dev.vigil.backtest.BacktestCommand --detector "$DEFINITION" \
    --input "$root/data" --output "$OUT/vigil"
done
end=$(date +%s.%N)
rows=$(find -L "$OUT/root/data" -name '*.csv' -exec awk 'FNR > 1' {} + | wc -l)
dirty=$(git diff --quiet HEAD -- src detectors || echo '+uncommitted')
{
  echo "# $(date -u +%FT%TZ) $(git rev-parse --short HEAD)$dirty on $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
  echo "# definition $DEFINITION, shipped threshold $THRESHOLD; JAVA_OPTS: ${JAVA_OPTS:-(none)}"
  echo "# backtest of $rows rows took $(echo "$end - $start" | bc) s (two JVM starts included)"
  python3 bench/detect/nab_all.py report "$OUT/vigil" "$OUT/root" "$SCORER" "$THRESHOLD" "$SHARED" "$HELDOUT"
} | tee "$OUT/report.txt"
{
  echo; echo "# nab_score.py on the merged root, per file at the shipped threshold:"
  python3 "$SCORER" --nab-root "$OUT/root" --results "$OUT/vigil" --threshold-fixed "$THRESHOLD" --per-file
} >> "$OUT/report.txt"
sed -n '/^detector vigil/,/^reward_low_FN_rate/p' "$OUT/report.txt"
echo "(per-file scores in $OUT/report.txt)"
