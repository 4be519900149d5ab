#!/usr/bin/env python3
"""Split-half check of a NAB result: the standard-profile score at the shipped threshold on two fixed halves of
the files (chosen once at random, seed 7), each normalised on its own windows. A change that helps only one
half is probably fitting a few files.

  python3 bench/detect/nab_halves.py RESULTS_DIR [NAB_ROOT] [SCORER] [THRESHOLD]
"""
import importlib.util
import json
import os
import random
import sys


def main():
    results = sys.argv[1]
    nab = sys.argv[2] if len(sys.argv) > 2 else "../shared/data/nab"
    scorer = sys.argv[3] if len(sys.argv) > 3 else "../shared/tools/nab_score.py"
    threshold = float(sys.argv[4]) if len(sys.argv) > 4 else 0.75
    spec = importlib.util.spec_from_file_location("nab_score", scorer)
    ns = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ns)

    class Args:
        pass
    args = Args()
    args.nab_root, args.results, args.labels, args.files_glob, args.results_layout = nab, results, None, None, "plain"
    files = ns.load_corpus(args, "vigil")
    rels = sorted(json.load(open(os.path.join(nab, "labels", "combined_windows.json"))))
    random.seed(7)
    half_a = set(random.sample(rels, len(rels) // 2))
    weights = ns.DEFAULT_PROFILES["standard"]
    for name, subset in (("A", half_a), ("B", set(rels) - half_a)):
        chosen = [f for f in files if f.rel in subset]
        windows = sum(len(f.window_ids) for f in chosen)
        total, _ = ns.score_at(chosen, threshold, weights)
        print("half %s: %2d files, %2d windows, standard %.2f at %.2f"
              % (name, len(chosen), windows, 100 * (total + windows) / (2 * windows), threshold))


if __name__ == "__main__":
    main()
