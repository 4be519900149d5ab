#!/usr/bin/env bash
# NAB accuracy of the shipped default detector, one configuration for every file (no per-file tuning).
#   bench/detect/nab.sh            # from the repository root; needs ../shared/data/nab and ../shared/tools
# Writes bench-out/nab/vigil/<category>/<file>.csv and bench-out/nab/report.txt (scores, per file, the split-half
# check of nab_halves.py and the comparison with published detectors of nab_compare.py).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
NAB=${NAB_ROOT:-../shared/data/nab}
SCORER=${NAB_SCORER:-../shared/tools/nab_score.py}
THRESHOLD=0.75   # the shipped anomaly threshold: severity.info of detectors/default.yaml
grep -q "info: $THRESHOLD" detectors/default.yaml || { echo "threshold $THRESHOLD is not what default.yaml ships" >&2; exit 1; }

source bench/detect/classpath.sh
rm -rf bench-out/nab/vigil
start=$(date +%s.%N)
java -cp "$CP" dev.vigil.backtest.BacktestCommand --input "$NAB/data" --output bench-out/nab/vigil
end=$(date +%s.%N)
rows=$(find "$NAB/data" -name '*.csv' -exec awk 'FNR > 1' {} + | wc -l)
{
  echo "# $(date -u +%FT%TZ) $(git rev-parse --short HEAD) on $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
  echo "# backtest of $rows rows took $(echo "$end - $start" | bc) s (JVM start included)"
  python3 "$SCORER" --nab-root "$NAB" --results bench-out/nab/vigil --threshold-fixed "$THRESHOLD" --per-file
} | tee bench-out/nab/report.txt
python3 bench/detect/nab_halves.py bench-out/nab/vigil "$NAB" "$SCORER" "$THRESHOLD" | tee -a bench-out/nab/report.txt
python3 bench/detect/nab_compare.py bench-out/nab/report.txt | tee -a bench-out/nab/report.txt
