#!/usr/bin/env bash
# Time-split benchmark of Vigil's change-risk model on the public JIT data (Zeng et al., ISSTA 2021).
# Usage: bench/predict/jit.sh [DATA_DIR]   (default ../shared/data/jit relative to the repository root)
# Per project: sort by date, oldest 80% train / newest 20% test, run JitEvaluationCommand, score with
# bench/predict/jit_metrics.py. Compiles first unless CP (a full classpath) is set.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${1:-$root/../shared/data/jit}
work=${WORK:-$root/target/bench-predict}
mkdir -p "$work"
if [ -z "${CP:-}" ]; then
  (cd "$root" && ./mvnw -q compile)
  (cd "$root" && ./mvnw -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null)
  CP="$root/target/classes:$(cat "$work/cp.txt")"
fi
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/ \+/ /g')"
for project in qt openstack jdt; do
  python3 "$root/bench/predict/jit_metrics.py" split "$data/${project}_k_feature.csv" \
    "$work/$project-train.csv" "$work/$project-test.csv"
  start=$(date +%s.%N)
  java -cp "$CP" dev.vigil.predict.JitEvaluationCommand --train "$work/$project-train.csv" \
    --test "$work/$project-test.csv" --output "$work/$project-pred.csv" --report "$work/$project-report.txt" \
    > /dev/null 2> "$work/$project-stderr.txt"
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  threshold=$(sed -n 's/.*threshold \([0-9.]*\)).*/\1/p' "$work/$project-report.txt")
  echo "$project (seconds=$seconds):"
  python3 "$root/bench/predict/jit_metrics.py" score "$work/$project-test.csv" "$work/$project-pred.csv" "$threshold"
  echo "  $(cat "$work/$project-report.txt")"
done
