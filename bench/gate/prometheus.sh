#!/usr/bin/env bash
# What a Prometheus-backed check costs: the gate latency benchmark (latency.sh, same generator and rate) against the
# shipped default policy, then against a policy that is the default plus one `source: prometheus` SLO check,
# answered by a real Prometheus (Debian package, /usr/bin/prometheus) on a free port scraping itself every second.
#   bench/gate/prometheus.sh [RATE=200] [SECONDS=60] [WARMUP_SECONDS=60]
# Both runs use a copy of policies/ with policies/prom.yaml added (environment "prom"); GATE_ENVIRONMENT picks it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
rate=${1:-200}; seconds=${2:-60}; warmup=${3:-60}
[[ -x /usr/bin/prometheus ]] || { echo "needs /usr/bin/prometheus (apt-get install prometheus)"; exit 1; }
work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
prom=$(free_port)
cat > "$work/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: self
    static_configs:
      - targets: ["127.0.0.1:$prom"]
YAML
/usr/bin/prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$prom" --log.level=warn > "$work/prometheus.log" 2>&1 &
prometheus=$!
trap 'kill $prometheus 2>/dev/null || true; wait $prometheus 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -sf "127.0.0.1:$prom/-/ready" >/dev/null && break; sleep 1; done
mkdir "$work/policies"
cp policies/*.yaml "$work/policies/"
# One SLO over the last 5 minutes at a 15 s step (21 points per query), as a team's error-ratio SLO would be.
cat > "$work/policies/prom.yaml" <<'YAML'
description: Benchmark policy - the default policy plus one SLO answered by Prometheus.
extends: default
match:
  services: ["*"]
  environments: ["prom"]
checks:
  - name: prometheus-slo
    kind: slo
    source: prometheus
    query: 'max(go_goroutines{job="self"})'
    step: PT15S
    aggregate: max
    window: PT5M
    pass: 100000
YAML
sleep 5 # a few scrapes, so the query has points
opts="-Dvigil.security.rate-limit.gate=100000000 -Dvigil.gate.policies-dir=$work/policies -Dvigil.gate.providers.prometheus.default.url=http://127.0.0.1:$prom"
# CPU seconds (user + system) of Prometheus so far: what the queries cost on its side
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$prometheus/stat"; }
echo "== default policy (environment prod) =="
before=$(cpu)
VIGIL_JAVA_OPTS="$opts" GATE_ENVIRONMENT=prod bench/gate/latency.sh "$rate" "$seconds" "$warmup"
echo "Prometheus cpu seconds during the run: $(echo "$(cpu) - $before" | bc)"
echo "== default policy + one Prometheus SLO check (environment prom) =="
before=$(cpu)
VIGIL_JAVA_OPTS="$opts" GATE_ENVIRONMENT=prom bench/gate/latency.sh "$rate" "$seconds" "$warmup"
echo "Prometheus cpu seconds during the run: $(echo "$(cpu) - $before" | bc)"
echo "Prometheus: $(curl -s "127.0.0.1:$prom/api/v1/query?query=sum(prometheus_http_requests_total%7Bhandler%3D%22%2Fapi%2Fv1%2Fquery_range%22%7D)" | sed -E 's/.*"value":\[[^,]*,"([^"]*)".*/\1/') range queries served"
