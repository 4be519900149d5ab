package dev.vigil.predict;

import dev.vigil.git.ChangeFeatures;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Labelled rows ordered by time, oldest first, so that splitting off the tail gives an honest "train on the past,
 * validate on the future" split.
 *
 * @param featureNames column names, in row order
 * @param x            raw feature rows
 * @param y            1 = failed, 0 = succeeded
 * @param times        epoch seconds per row, non-decreasing
 */
public record TrainingSet(List<String> featureNames, double[][] x, int[] y, long[] times) {

    public TrainingSet {
        featureNames = List.copyOf(featureNames);
        if (x.length != y.length || x.length != times.length) {
            throw new IllegalArgumentException("expected as many labels and times as rows (" + x.length + "), got "
                    + y.length + " labels and " + times.length + " times");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != featureNames.size()) {
                throw new IllegalArgumentException("row " + i + ": expected " + featureNames.size()
                        + " features, got " + x[i].length);
            }
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("row " + i + ": label must be 0 or 1, got " + y[i]);
            }
            if (i > 0 && times[i] < times[i - 1]) {
                throw new IllegalArgumentException("rows must be ordered by time; row " + i + " is older than row "
                        + (i - 1) + " (use TrainingSet.sorted)");
            }
        }
    }

    /** Builds a set from change rows in any order, sorting by time (stable, so equal times keep input order). */
    public static TrainingSet ofChanges(List<LabeledChange> changes) {
        List<LabeledChange> sorted = changes.stream()
                .sorted(Comparator.comparingLong(LabeledChange::epochSeconds)).toList();
        return new TrainingSet(ChangeFeatures.NAMES,
                sorted.stream().map(c -> c.features().toArray()).toArray(double[][]::new),
                sorted.stream().mapToInt(c -> c.failed() ? 1 : 0).toArray(),
                sorted.stream().mapToLong(LabeledChange::epochSeconds).toArray());
    }

    /** Sorts arbitrary rows by time. */
    public static TrainingSet sorted(List<String> names, double[][] x, int[] y, long[] times) {
        int[] order = IntStream.range(0, x.length).boxed()
                .sorted(Comparator.comparingLong(i -> times[i])).mapToInt(Integer::intValue).toArray();
        return new TrainingSet(names, Arrays.stream(order).mapToObj(i -> x[i]).toArray(double[][]::new),
                Arrays.stream(order).map(i -> y[i]).toArray(),
                Arrays.stream(order).mapToLong(i -> times[i]).toArray());
    }

    public int size() {
        return x.length;
    }

    public int failures() {
        return Arrays.stream(y).sum();
    }

    /** Rows [from, to). */
    public TrainingSet slice(int from, int to) {
        return new TrainingSet(featureNames, Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to),
                Arrays.copyOfRange(times, from, to));
    }
}
