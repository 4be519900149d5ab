#!/usr/bin/env python3
"""All 48 NAB files we have, and each category left out in turn (issue 18, item 6). Used by nab-all.sh.

  python3 bench/detect/nab_all.py merge MERGED_ROOT NAB_ROOT...
      builds a NAB root whose data/<category> are symlinks to the given roots' categories, whose
      labels/combined_windows.json is the union of theirs (the file sets must be disjoint) and whose
      config/profiles.json is the first root's (they must agree)
  python3 bench/detect/nab_all.py report RESULTS MERGED_ROOT SCORER THRESHOLD NAB_ROOT...
      prints the standard-profile tables (one line for each other profile): all files at the shipped and at the
      best threshold, each source root alone (the 35 tuned-on files, the 13 held-out ones), each category, and
      leave-one-category-out: the threshold that is best on the other categories, applied to the one left out,
      and the three published detectors of nab-published.csv on the same files, normalised the same way

Scores use the scorer's own functions (load_corpus, score_at, Sweep), as nab_halves.py does, and are normalised
the way nab_score.py normalises any set of files it scores (--files-glob): 100 * (S - S_null) / (S_perfect -
S_null) on that set's own windows, S_null being the best score of a constant-0.5 detector on that set. A set
without windows (artificialNoAnomaly) has no normalised score: its raw score (the cost of its false positives) is
shown instead, and it is left out of the means.
"""
import filecmp
import importlib.util
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nab_compare import NAMES, published  # noqa: E402 (a sibling script, not a package)

STANDARD = "standard"


def merge(merged, roots):
    windows = {}
    os.makedirs(os.path.join(merged, "data"))
    os.makedirs(os.path.join(merged, "labels"))
    os.makedirs(os.path.join(merged, "config"))
    for root in roots:
        with open(os.path.join(root, "labels", "combined_windows.json")) as fh:
            labels = json.load(fh)
        overlap = set(labels) & set(windows)
        if overlap:
            raise SystemExit("error: %s labels files already labelled elsewhere, e.g. %s" % (root, min(overlap)))
        windows.update(labels)
        for category in sorted(os.listdir(os.path.join(root, "data"))):
            link = os.path.join(merged, "data", category)
            if os.path.exists(link):
                raise SystemExit("error: category %s is in two roots" % category)
            os.symlink(os.path.abspath(os.path.join(root, "data", category)), link)
    profiles = [os.path.join(r, "config", "profiles.json") for r in roots]
    for other in profiles[1:]:
        if not filecmp.cmp(profiles[0], other, shallow=False):
            raise SystemExit("error: %s differs from %s" % (other, profiles[0]))
    with open(os.path.join(merged, "config", "profiles.json"), "w") as out, open(profiles[0]) as src:
        out.write(src.read())
    with open(os.path.join(merged, "labels", "combined_windows.json"), "w") as out:
        json.dump(windows, out, indent=2, sort_keys=True)
    print("merged NAB root %s: %d files, %d windows from %s"
          % (merged, len(windows), sum(len(w) for w in windows.values()), ", ".join(roots)))


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("nab_score", path)
    ns = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ns)
    return ns


class Scoring:
    """The scorer's functions over subsets of one loaded corpus."""

    def __init__(self, ns, files, profiles):
        self.ns = ns
        self.files = files
        self.profiles = profiles

    def windows(self, files):
        return sum(f.n_windows for f in files)

    def normalised(self, files, raw, w):
        """As nab_score.py on exactly these files: None when they have no windows."""
        if self.windows(files) == 0:
            return None
        null = self.ns.Sweep(files, scores_override=lambda f: [self.ns.NULL_DETECTOR_SCORE] * len(f.scores))
        _, null_raw = null.optimise(w)
        return self.ns.normalise(raw, null_raw, self.windows(files) * w["tpWeight"])

    def at(self, files, threshold, w):
        """(normalised score or None, raw score) at a fixed threshold."""
        raw, _ = self.ns.score_at(files, threshold, w)
        return self.normalised(files, raw, w), raw

    def best(self, files, w):
        """(threshold, normalised score) at the threshold that is best on these files; ties to the highest."""
        threshold, raw = self.ns.Sweep(files).optimise(w)
        return threshold, self.normalised(files, raw, w)

    def detections(self, files, threshold):
        """(windows with a detection, detections outside windows) at the threshold, probation excluded."""
        found, outside = set(), 0
        for f in files:
            for s, wid in zip(f.scores, f.wins):
                if s >= threshold:
                    if wid >= 0:
                        found.add(wid)
                    else:
                        outside += 1
        return len(found), outside

    def leave_one_out(self, categories, w):
        """Per category: (threshold best on the others, normalised or raw score of it at that threshold)."""
        rows = {}
        for c, chosen in categories.items():
            others = [f for f in self.files if f not in chosen]
            threshold, _ = self.ns.Sweep(others).optimise(w)
            rows[c] = (threshold,) + self.at(chosen, threshold, w)
        return rows


def print_published(sc, rows, threshold, w):
    """Vigil at the shipped threshold beside the published detectors, each set normalised on its own windows."""
    print("\npublished detectors on the same files, standard: NAB's per-file tables, each detector at the threshold NAB "
          "optimised for it\non all 58 files (these included) and given each file's minimum and maximum before its "
          "first row;\nVigil at its shipped threshold; a set without windows shows its raw score")
    print("%-34s %5s %7s  %7s %s" % ("files", "files", "windows", "Vigil",
                                     " ".join("%11s" % n for n in NAMES.values())))
    table = published()
    for name, chosen in rows:
        missing = [f.rel for f in chosen for d in NAMES if f.rel not in table.get(d, {})]
        if missing:
            raise SystemExit("error: nab-published.csv has no published score for %s" % missing[0])
        raws = [sum(table[d][f.rel] for f in chosen) for d in NAMES]
        vigil, vigil_raw = sc.at(chosen, threshold, w)
        print("%-34s %5d %7d  %7s %s" % (name, len(chosen), sc.windows(chosen), fmt_or_raw(vigil, vigil_raw),
                                         " ".join("%11s" % fmt_or_raw(sc.normalised(chosen, r, w), r) for r in raws)))


def fmt_or_raw(score, raw):
    """A set without windows has no normalised score: its raw score (what its false positives cost) instead."""
    return fmt(score) if score is not None else "raw %.2f" % raw


def fmt(score):
    return "   n/a" if score is None else "%6.1f" % score


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def report(results, merged, scorer, threshold, roots):
    ns = load_scorer(scorer)

    class Args:
        pass
    args = Args()
    args.nab_root, args.results, args.labels, args.files_glob, args.results_layout = merged, results, None, None, "plain"
    args.profiles = None
    files = ns.load_corpus(args, "vigil")
    sc = Scoring(ns, files, ns.load_profiles(args))
    categories = {}
    for f in files:
        categories.setdefault(f.rel.split("/")[0], []).append(f)
    parts = []
    for root in roots:
        with open(os.path.join(root, "labels", "combined_windows.json")) as fh:
            rels = set(json.load(fh))
        parts.append((root, [f for f in files if f.rel in rels]))
    w = sc.profiles[STANDARD]

    print("\nNAB, standard profile, shipped threshold %.2f; 'best' = the threshold best on the files of that row"
          % threshold)
    print("%-34s %5s %7s  %9s %7s %8s  %10s %7s" % ("files", "files", "windows", "@shipped", "found", "outside",
                                                   "best thr", "@best"))
    rows = [("all", files)] + [("%s" % root, part) for root, part in parts]
    rows += [("  " + c, chosen) for c, chosen in sorted(categories.items())]
    for name, chosen in rows:
        shipped, raw = sc.at(chosen, threshold, w)
        found, outside = sc.detections(chosen, threshold)
        best_thr, best = sc.best(chosen, w)
        print("%-34s %5d %7d  %9s %7s %8d  %10.4f %7s%s"
              % (name, len(chosen), sc.windows(chosen), fmt(shipped),
                 "%d/%d" % (found, sc.windows(chosen)), outside, best_thr, fmt(best),
                 "" if shipped is not None else "   (no windows: raw %.2f at shipped)" % raw))

    loco = sc.leave_one_out(categories, w)
    print("\nleave one category out, standard: threshold best on the other categories' files, applied to the one "
          "left out\n(normalised on its own windows)")
    print("%-24s %5s %7s  %12s %10s %10s" % ("category left out", "files", "windows", "thr (others)", "left out",
                                            "@shipped"))
    shipped_scores = {}
    for c in sorted(categories):
        thr, score, raw = loco[c]
        shipped_scores[c], shipped_raw = sc.at(categories[c], threshold, w)
        note = "" if score is not None else "   no windows: raw %.2f (at shipped %.2f), not in the mean" % (
            raw, shipped_raw)
        print("%-24s %5d %7d  %12.4f %10s %10s%s" % (c, len(categories[c]), sc.windows(categories[c]), thr,
                                                    fmt(score), fmt(shipped_scores[c]), note))
    loco_mean = mean(v[1] for v in loco.values())
    shipped_mean = mean(shipped_scores.values())
    print("%-24s %5s %7s  %12s %10s %10s" % ("mean over categories", "", "", "", fmt(loco_mean), fmt(shipped_mean)))
    all_shipped = sc.at(files, threshold, w)[0]
    below = ", ".join("%s %.1f" % (c, v[1]) for c, v in sorted(loco.items()) if v[1] is not None and v[1] < 70)
    print("target (issue 18): standard >= 75 on the %d files: %s (%.1f at shipped); >= 70 left out, on average: %s "
          "(%.1f); left-out categories below 70: %s" % (len(files), "MET" if all_shipped >= 75 else "NOT MET",
                                                       all_shipped, "MET" if loco_mean >= 70 else "NOT MET",
                                                       loco_mean, below or "none"))
    print_published(sc, rows, threshold, w)

    print("\nother profiles (all files at shipped / best; each source root at shipped; leave-one-category-out mean "
          "left out / at shipped):")
    for name in ns.PROFILE_ORDER:
        if name == STANDARD or name not in sc.profiles:
            continue
        p = sc.profiles[name]
        shipped, _ = sc.at(files, threshold, p)
        best_thr, best = sc.best(files, p)
        by_root = " ".join("%d files %s" % (len(part), fmt(sc.at(part, threshold, p)[0]).strip())
                           for _, part in parts)
        lo = sc.leave_one_out(categories, p)
        print("  %-20s all %s / %s (thr %.4f); %s; LOCO %s / %s"
              % (name, fmt(shipped).strip(), fmt(best).strip(), best_thr, by_root,
                 fmt(mean(v[1] for v in lo.values())).strip(),
                 fmt(mean(sc.at(categories[c], threshold, p)[0] for c in categories)).strip()))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "merge":
        merge(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) >= 7 and sys.argv[1] == "report":
        report(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]), sys.argv[6:])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
