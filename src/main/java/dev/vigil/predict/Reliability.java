package dev.vigil.predict;

import java.util.ArrayList;
import java.util.List;

/**
 * How well probabilities match outcomes: the Brier score and a reliability table (10 equal-width bins of the
 * predicted probability, each with its row count, mean prediction and observed failure rate).
 *
 * @param rows  rows scored
 * @param brier mean squared difference between probability and outcome (0 is perfect; always predicting the base
 *              rate r scores r(1 - r))
 * @param bins  the 10 bins, [0, 0.1) to [0.9, 1.0]; empty bins have count 0 and null rates
 */
public record Reliability(int rows, double brier, List<Bin> bins) {

    public static final int BINS = 10;

    /** One bin: {@code observedRate} should be close to {@code meanPredicted} for a calibrated model. */
    public record Bin(double lower, double upper, int count, Double meanPredicted, Double observedRate) {
    }

    public Reliability {
        bins = List.copyOf(bins);
    }

    public static Reliability of(int[] y, double[] p) {
        if (y.length != p.length) {
            throw new IllegalArgumentException("expected " + y.length + " probabilities, got " + p.length);
        }
        int[] count = new int[BINS];
        double[] predicted = new double[BINS];
        int[] failed = new int[BINS];
        double squares = 0;
        for (int i = 0; i < y.length; i++) {
            int bin = Math.min(BINS - 1, Math.max(0, (int) Math.floor(p[i] * BINS)));
            count[bin]++;
            predicted[bin] += p[i];
            failed[bin] += y[i];
            squares += (p[i] - y[i]) * (p[i] - y[i]);
        }
        List<Bin> bins = new ArrayList<>(BINS);
        for (int b = 0; b < BINS; b++) {
            bins.add(new Bin(b / (double) BINS, (b + 1) / (double) BINS, count[b],
                    count[b] == 0 ? null : predicted[b] / count[b], count[b] == 0 ? null : failed[b] / (double) count[b]));
        }
        return new Reliability(y.length, y.length == 0 ? Double.NaN : squares / y.length, bins);
    }

    /** A Markdown table, as in BENCHMARKS.md. */
    public String table() {
        StringBuilder out = new StringBuilder(String.format(java.util.Locale.ROOT,
                "Brier %.4f over %d rows%n| bin | rows | mean predicted | observed |%n|---|---|---|---|%n", brier, rows));
        for (Bin b : bins) {
            out.append(String.format(java.util.Locale.ROOT, "| %.1f-%.1f | %d | %s | %s |%n", b.lower(), b.upper(),
                    b.count(), b.count() == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.3f", b.meanPredicted()),
                    b.count() == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.3f", b.observedRate())));
        }
        return out.toString();
    }
}
