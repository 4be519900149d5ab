#!/usr/bin/env bash
# Change-feature extraction timings on a large history. There is no network here, so the "large real history" is
# generated: bench/predict/gen_repo.py writes a deterministic 12,000-commit history (40 authors, merges, renames,
# ~16k files) through `git fast-import` into target/bench-repo.git (generated once, ~1.5 min).
# Usage: bench/predict/extract.sh [REPO_GIT_DIR [BRANCH]]   e.g. a real clone's .git directory and its branch.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
repo=${1:-$root/target/bench-repo.git}
branch=${2:-main}
if [ ! -d "$repo" ]; then
  git init -q --bare "$repo"
  python3 bench/predict/gen_repo.py 12000 | git -C "$repo" fast-import --quiet
fi
./mvnw -q test-compile
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/ \+/ /g')"
echo "repository: $(git -C "$repo" rev-list --count "$branch") commits on $branch, $(git -C "$repo" ls-tree -r "$branch" | wc -l) files"
java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/test-classes:target/classes:$(cat target/cp.txt)" dev.vigil.git.ExtractionBenchmark "$repo" "$branch" 100
