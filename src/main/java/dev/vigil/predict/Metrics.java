package dev.vigil.predict;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Binary-classification metrics used for model selection and benchmarks. */
public final class Metrics {

    private Metrics() {
    }

    /** Area under the ROC curve via the rank-sum (Mann-Whitney) formula; ties get mid-ranks. */
    public static double auc(int[] y, double[] score) {
        check(y, score);
        Integer[] order = IntStream.range(0, y.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (y[order[k]] == 1) {
                    positiveRankSum += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = y.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("AUC needs both classes, got " + positives + " positives and "
                    + negatives + " negatives");
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** F1 of the rule "failed when score >= threshold". */
    public static double f1(int[] y, double[] score, double threshold) {
        check(y, score);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < y.length; i++) {
            boolean predicted = score[i] >= threshold;
            tp += predicted && y[i] == 1 ? 1 : 0;
            fp += predicted && y[i] == 0 ? 1 : 0;
            fn += !predicted && y[i] == 1 ? 1 : 0;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /** The threshold among the observed scores that maximises F1 (used on validation data only). */
    public static double bestF1Threshold(int[] y, double[] score) {
        double[] candidates = Arrays.stream(score).distinct().sorted().toArray();
        // Scanning every distinct score is O(n^2); 200 quantiles are plenty for a decision threshold.
        int step = Math.max(1, candidates.length / 200);
        double best = 0.5;
        double bestF1 = -1;
        for (int i = 0; i < candidates.length; i += step) {
            double f1 = f1(y, score, candidates[i]);
            if (f1 > bestF1) {
                bestF1 = f1;
                best = candidates[i];
            }
        }
        return best;
    }

    private static void check(int[] y, double[] score) {
        if (y.length != score.length) {
            throw new IllegalArgumentException("expected " + y.length + " scores, got " + score.length);
        }
    }
}
