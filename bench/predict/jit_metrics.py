#!/usr/bin/env python3
"""Split a JIT CSV by time and score predictions. Standard library only.

split:   jit_metrics.py split DATA.csv TRAIN.csv TEST.csv   (sort by date, oldest 80% train, newest 20% test)
score:   jit_metrics.py score TEST.csv PRED.csv THRESHOLD    (prints AUC, F1@threshold, F1@0.5, recall@20% effort,
         the Brier score of the calibrated and, if PRED has the column, uncalibrated probability, and a reliability
         table of the calibrated one: 10 equal-width bins with rows, mean predicted, observed rate)
"""
import csv
import sys


def split(data, train, test):
    with open(data) as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    date = header.index('date')
    rows.sort(key=lambda r: int(float(r[date])))  # stable: equal dates keep file order
    cut = int(round(len(rows) * 0.8))
    for path, part in ((train, rows[:cut]), (test, rows[cut:])):
        with open(path, 'w', newline='') as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(part)


def auc(y, p):
    order = sorted(range(len(p)), key=lambda i: p[i])
    rank_sum, pos, i = 0.0, 0, 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and p[order[j + 1]] == p[order[i]]:
            j += 1
        mid = (i + j) / 2 + 1
        for k in range(i, j + 1):
            if y[order[k]]:
                rank_sum += mid
                pos += 1
        i = j + 1
    neg = len(y) - pos
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def f1(y, p, t):
    tp = sum(1 for a, b in zip(y, p) if b >= t and a)
    fp = sum(1 for a, b in zip(y, p) if b >= t and not a)
    fn = sum(1 for a, b in zip(y, p) if b < t and a)
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def recall_at_effort(y, p, churn, share=0.2, density=True):
    """Inspect changes in ranked order until `share` of all changed lines (la+ld) is spent.
    density=True ranks by probability / max(churn, 1) (risk per line, as in effort-aware JIT work);
    ties broken by smaller churn first. A change is counted only if it fits fully in the budget."""
    key = (lambda i: (-p[i] / max(churn[i], 1), churn[i])) if density else (lambda i: (-p[i], churn[i]))
    order = sorted(range(len(y)), key=key)
    budget = share * sum(churn)
    spent, found = 0.0, 0
    for i in order:
        if spent + churn[i] > budget:
            break
        spent += churn[i]
        found += y[i]
    return found / sum(y)


def brier(y, p):
    return sum((a - b) ** 2 for a, b in zip(y, p)) / len(y)


def reliability(y, p, bins=10):
    """Markdown rows: bin, rows, mean predicted, observed failure rate (equal-width bins, last one closed)."""
    out = ['| bin | rows | mean predicted | observed |', '|---|---|---|---|']
    for b in range(bins):
        idx = [i for i in range(len(p)) if min(bins - 1, int(p[i] * bins)) == b]
        if idx:
            out.append('| %.1f-%.1f | %d | %.3f | %.3f |' % (b / bins, (b + 1) / bins, len(idx),
                                                           sum(p[i] for i in idx) / len(idx),
                                                           sum(y[i] for i in idx) / len(idx)))
        else:
            out.append('| %.1f-%.1f | 0 | - | - |' % (b / bins, (b + 1) / bins))
    return '\n'.join(out)


def score(test, pred, threshold):
    with open(test) as f:
        rows = list(csv.DictReader(f))
    with open(pred) as f:
        pred_rows = list(csv.DictReader(f))
    probs = {r['_id']: float(r['probability']) for r in pred_rows}
    raw = {r['_id']: float(r['uncalibrated']) for r in pred_rows if 'uncalibrated' in r}
    y = [int(r['bug']) for r in rows]
    p = [probs[r['_id']] for r in rows]
    churn = [float(r['la']) + float(r['ld']) for r in rows]
    t = float(threshold)
    print('auc=%.4f f1_at_threshold=%.4f threshold=%.4f f1_at_0.5=%.4f recall20_density=%.4f recall20_prob=%.4f '
          'test_rows=%d test_buggy=%.3f' % (auc(y, p), f1(y, p, t), t, f1(y, p, 0.5),
                                          recall_at_effort(y, p, churn), recall_at_effort(y, p, churn, density=False),
                                          len(y), sum(y) / len(y)))
    if raw:
        print('brier_uncalibrated=%.4f' % brier(y, [raw[r['_id']] for r in rows]))
    print('brier_calibrated=%.4f base_rate_brier=%.4f' % (brier(y, p), (sum(y) / len(y)) * (1 - sum(y) / len(y))))
    print(reliability(y, p))


if __name__ == '__main__':
    {'split': split, 'score': score}[sys.argv[1]](*sys.argv[2:])
