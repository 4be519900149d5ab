#!/usr/bin/env python3
"""A generated corpus of service metrics with labelled incidents, and a rolling median/MAD baseline.

  python3 bench/detect/service_metrics.py generate ROOT [STEP]  # ROOT/data/<kind>/<series>.csv + labels (NAB layout),
                                                                 # one point per STEP minutes (default 1)
  python3 bench/detect/service_metrics.py baseline ROOT OUT W  # rolling median/MAD z-score over the last W points

Why: Vigil's constants were chosen on NAB files; issue 18 says it was once at 41 on real service metrics where a
rolling median/MAD z-score reached 57. This corpus is not that data (which stays outside the repository): it is
what such metrics look like, generated with a fixed seed and written before Vigil was run on it, so it checks that
Vigil beats the textbook robust baseline on request rates, latencies, error counts, CPU and queue depths, not that it
reaches any figure. Five kinds x 12 series of 7 days, 1-3 incidents per series in days 3-7, NAB's windows (10 % of
the rows, split between the incidents, centred on each onset); generated a minute apart, written one point per
STEP minutes (counts summed, gauges averaged), so the same incidents are seen at 1 and 5 minutes. Traffic is 30 %
lower on Saturdays and Sundays, as real traffic often is: a week is too short for a weekly model to learn that.
"""
import csv
import datetime
import json
import math
import os
import random
import sys

MINUTES = 7 * 24 * 60
SERIES_PER_KIND = 12
START = datetime.datetime(2026, 1, 5)          # a Monday
SEED = 20261207


def daily(i, peak_hour=14.0):
    """1 at the daily peak, -1 twelve hours later."""
    return math.cos(2 * math.pi * ((i / 60.0) - peak_hour) / 24.0)


def weekend(i):
    return (i // 1440) % 7 >= 5


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam > 50:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def incidents(rng, kinds):
    """1-3 incidents in days 3-7, onsets at least 12 h apart: (onset, duration minutes, kind)."""
    count = rng.randint(1, 3)
    while True:
        onsets = sorted(rng.randrange(2 * 1440, MINUTES - 240) for _ in range(count))
        if all(b - a >= 720 for a, b in zip(onsets, onsets[1:])):
            break
    return [(o, *rng.choice(kinds)(rng)) for o in onsets]


def active(events, i):
    for onset, duration, kind in events:
        if onset <= i < onset + duration:
            return kind, (i - onset) / max(duration, 1)
    return None, 0.0


def requests(rng):
    base = rng.uniform(80, 600)
    events = incidents(rng, [lambda r: (r.randint(20, 60), "outage"), lambda r: (r.randint(15, 30), "surge")])
    values = []
    for i in range(MINUTES):
        lam = base * (1 + 0.6 * daily(i)) * (0.7 if weekend(i) else 1.0)
        kind, _ = active(events, i)
        lam *= 0.3 if kind == "outage" else 2.5 if kind == "surge" else 1.0
        values.append(poisson(rng, lam))
    return values, events


def latency(rng):
    median = rng.uniform(40, 300)
    events = incidents(rng, [lambda r: (r.randint(120, 240), "regression"), lambda r: (r.randint(5, 15), "stall")])
    values = []
    for i in range(MINUTES):
        v = median * (1 + 0.15 * daily(i)) * math.exp(rng.gauss(0, 0.25))
        if rng.random() < 0.002:
            v *= 3                                       # a garbage-collection pause: ordinary for this series
        kind, _ = active(events, i)
        v *= 1.6 if kind == "regression" else 5.0 if kind == "stall" else 1.0
        values.append(round(v, 2))
    return values, events


def errors(rng):
    rate = rng.uniform(0.1, 2.0)
    events = incidents(rng, [lambda r: (r.randint(10, 30), "burst")])
    values = []
    for i in range(MINUTES):
        kind, _ = active(events, i)
        values.append(poisson(rng, rate * (1 + 0.3 * daily(i)) + (4 + 3 * rate if kind else 0)))
    return values, events


def cpu(rng):
    base = rng.uniform(20, 50)
    events = incidents(rng, [lambda r: (r.randint(60, 120), "runaway"), lambda r: (r.randint(120, 240), "step")])
    values, noise = [], 0.0
    for i in range(MINUTES):
        noise = 0.8 * noise + rng.gauss(0, 2.0)
        v = base + 12 * daily(i) + noise
        kind, frac = active(events, i)
        if kind == "runaway":
            v += (95 - v) * min(1.0, 2 * frac)
        elif kind == "step":
            v += 25
        values.append(round(min(100.0, max(0.0, v)), 2))
    return values, events


def queue(rng):
    depth_mean = rng.uniform(1, 10)
    events = incidents(rng, [lambda r: (r.randint(20, 45), "stalled consumer")])
    values = []
    for i in range(MINUTES):
        kind, frac = active(events, i)
        backlog = 300 * frac if kind else 0
        values.append(poisson(rng, depth_mean * (1 + 0.4 * daily(i))) + int(backlog))
    return values, events


KINDS = {"requests": requests, "latency": latency, "errors": errors, "cpu": cpu, "queue": queue}


def stamp(i):
    return (START + datetime.timedelta(minutes=i)).strftime("%Y-%m-%d %H:%M:%S")


def aggregate(kind, values, step):
    """One point per `step` minutes: counts are summed (a rate per step), gauges averaged."""
    if step == 1:
        return values
    chunks = [values[i:i + step] for i in range(0, len(values) - step + 1, step)]
    if kind in ("requests", "errors"):
        return [sum(c) for c in chunks]
    return [round(sum(c) / step, 3) for c in chunks]


def generate(root, step=1):
    rng = random.Random(SEED)
    windows, incidents_of = {}, {}
    for kind, make in KINDS.items():
        os.makedirs(os.path.join(root, "data", kind), exist_ok=True)
        for n in range(SERIES_PER_KIND):
            values, events = make(rng)
            rel = "%s/%s_%02d.csv" % (kind, kind, n)
            with open(os.path.join(root, "data", rel), "w", newline="") as fh:
                out = csv.writer(fh)
                out.writerow(["timestamp", "value"])
                for i, v in enumerate(aggregate(kind, values, step)):
                    out.writerow([stamp(i * step), v])
            incidents_of[rel] = [[stamp(o), duration, what] for o, duration, what in events]
            width = int(0.1 * MINUTES / len(events))
            on_step = lambda minute: stamp(minute - minute % step)   # windows start and end on a row
            windows[rel] = [[on_step(max(0, o - width // 2)), on_step(min(MINUTES - 1, o + width // 2))]
                            for o, _, _ in events]
    os.makedirs(os.path.join(root, "labels"), exist_ok=True)
    with open(os.path.join(root, "labels", "combined_windows.json"), "w") as fh:
        json.dump(windows, fh, indent=1)
    with open(os.path.join(root, "labels", "incidents.json"), "w") as fh:   # what each window holds, for reading
        json.dump(incidents_of, fh, indent=1)
    print("generated %d series, %d incidents in %s" % (len(windows), sum(map(len, windows.values())), root),
          file=sys.stderr)


def baseline(root, out, window, hold):
    """|x - median| / (1.4826 MAD) of the previous `window` points, mapped monotonically into [0, 1) (numpy)."""
    import numpy as np
    from numpy.lib.stride_tricks import sliding_window_view
    for kind in KINDS:
        os.makedirs(os.path.join(out, kind), exist_ok=True)
        for name in sorted(os.listdir(os.path.join(root, "data", kind))):
            with open(os.path.join(root, "data", kind, name)) as fh:
                rows = list(csv.DictReader(fh))
            values = np.array([float(r["value"]) for r in rows])
            past = sliding_window_view(values, window)[:-1]          # past[k] = values[k : k + window]
            med = np.median(past, axis=1)
            mad = np.median(np.abs(past - med[:, None]), axis=1) * 1.4826
            z = np.abs(values[window:] - med) / np.maximum(mad, 1e-9)
            z = np.concatenate([np.zeros(window), z])
            if hold:   # one alarm per excursion: only a point larger than every z of the last `hold` points counts
                earlier = np.concatenate([np.zeros(hold), sliding_window_view(z, hold)[:-1].max(axis=1)])
                z = np.where(z > earlier, z, 0.0)
            scores = z / (z + 10)
            with open(os.path.join(out, kind, name), "w", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(["timestamp", "value", "anomaly_score"])
                for r, s in zip(rows, scores):
                    w.writerow([r["timestamp"], r["value"], "%.6f" % s])


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    else:
        baseline(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]) if len(sys.argv) > 5 else 0)
