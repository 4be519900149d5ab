#!/bin/sh
# Replays the bundled demo scenarios into a running Vigil and asks the gate about each release:
#   checkout 1.5.0 - its canary is ~60% slower and has ~20x the errors of the baseline 1.4.2: the gate FAILs;
#   cart 2.3.0     - its canary looks like its baseline: the gate PASSes.
# Needs a POSIX shell, curl, sed and awk. See demo/README.md. SPDX-License-Identifier: GPL-3.0-or-later
#
#   VIGIL_URL=http://localhost:8080 VIGIL_TOKEN=<token with the ingest and gate roles> sh demo/replay.sh
#
# Exit code: 0 when both releases got the expected verdict, 1 otherwise.

set -u
here=$(cd "$(dirname "$0")" && pwd)
cli="$here/../pipeline-plugins/cli/vigil-gate"
url=${VIGIL_URL:-http://localhost:8080}
url=${url%/}
[ -n "${VIGIL_TOKEN:-}" ] || { echo "demo: set VIGIL_TOKEN to a token with the ingest and gate roles" >&2; exit 1; }
now=$(date -u +%s)

# Scenario files hold timestamps as "@-<seconds before now>"; they become epoch milliseconds here.
ingest() {
  body=$(awk -v now="$now" '{
    while (match($0, /"@-?[0-9]+"/)) {
      off = substr($0, RSTART + 2, RLENGTH - 3)
      $0 = substr($0, 1, RSTART - 1) sprintf("%.0f", (now + off) * 1000) substr($0, RSTART + RLENGTH)
    }
    print
  }' "$1")
  status=$(printf '%s' "$body" | curl --silent --show-error -o /dev/null -w '%{http_code}' -X POST \
    -H "Authorization: Bearer $VIGIL_TOKEN" -H 'Content-Type: application/json' --data-binary @- \
    "$url/api/v1/ingest/metrics") || { echo "demo: cannot reach Vigil at $url" >&2; exit 1; }
  [ "$status" = 202 ] || { echo "demo: ingest of $1 answered HTTP $status" >&2; exit 1; }
  echo "demo: sent $(grep -c '"service"' "$1") samples from $(basename "$1")"
}

gate() { # service version: runs the CLI, the gate waits (PENDING) until the samples have arrived
  echo
  echo "demo: may $1 $2 go on in prod?"
  sh "$cli" --url "$url" --service "$1" --environment prod --version "$2" --commit "demo-$2" \
    --canary-label track --baseline baseline --canary canary --window PT15M --wait PT2M --poll-interval 2 --full
  code=$?
  echo "demo: vigil-gate exited $code for $1 $2"
  return $code
}

ingest "$here/scenarios/checkout-bad-release.json"
ingest "$here/scenarios/cart-healthy-release.json"
gate checkout 1.5.0; bad=$?
gate cart 2.3.0; good=$?
echo
if [ "$bad" = 2 ] && [ "$good" = 0 ]; then
  echo "demo: as expected - the bad release was blocked (exit 2) and the healthy one let through (exit 0)"
  exit 0
fi
echo "demo: unexpected exit codes: checkout $bad (expected 2), cart $good (expected 0)"
exit 1
