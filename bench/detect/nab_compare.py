#!/usr/bin/env python3
"""Compares Vigil's per-file NAB standard scores with three published detectors on the same 35 files.

  python3 bench/detect/nab_compare.py REPORT     # REPORT = bench-out/nab/report.txt written by nab.sh

The published figures (bench/detect/nab-published.csv) are NAB's own per-file tables, each detector at the
threshold optimised for it on the full 58-file corpus, so on this subset they are a reference, not a ceiling.
Scores are normalised as nab_score.py does on the files scored: 100 * (sum + W) / (2 W) for W windows (the count
nab_score.py reports; 55 on the 35-file subset).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = {"numenta_htm": "Numenta HTM", "artime": "ARTime", "cad_ose": "CAD OSE"}


def published():
    rows = {}
    with open(os.path.join(HERE, "nab-published.csv")) as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            rows.setdefault(row["detector"], {})[row["file"]] = float(row["standard_score"])
    return rows


def vigil(report):
    """Per-file standard scores at the shipped threshold and the number of windows, from nab.sh's report."""
    scores, inside, windows = {}, False, None
    for line in open(report):
        m = re.match(r"detector \S+: \d+ files, (\d+) windows", line)
        if m:
            windows = int(m.group(1))
        if line.startswith("per-file, profile standard"):
            inside = True
        elif line.startswith("per-file"):
            inside = False
        elif inside:
            m = re.match(r"\s+(\S+\.csv)\s+(-?[0-9.]+)", line)
            if m:
                scores[m.group(1)] = float(m.group(2))
    if windows is None:
        raise SystemExit("no 'N files, W windows' line in " + report)
    return scores, windows


def main():
    mine, windows = vigil(sys.argv[1] if len(sys.argv) > 1 else "bench-out/nab/report.txt")
    others = published()
    files = sorted(mine)
    norm = lambda total: 100 * (total + windows) / (2 * windows)
    print("\nstandard profile on these %d files (published detectors at their full-corpus thresholds):" % len(files))
    print("  %-14s %6.1f" % ("Vigil", norm(sum(mine.values()))))
    for key, name in NAMES.items():
        missing = [f for f in files if f not in others[key]]
        if missing:
            raise SystemExit("nab-published.csv lacks %s for %s" % (missing[0], key))
        print("  %-14s %6.1f" % (name, norm(sum(others[key][f] for f in files))))
    print("\nper file, Vigil minus the best of the three (largest gaps first):")
    gaps = sorted((mine[f] - max(others[k][f] for k in NAMES), f) for f in files)
    for gap, f in gaps[:8]:
        print("  %-58s %+6.2f" % (f, gap))
    print("  ...")
    for gap, f in gaps[-5:]:
        print("  %-58s %+6.2f" % (f, gap))


if __name__ == "__main__":
    main()
