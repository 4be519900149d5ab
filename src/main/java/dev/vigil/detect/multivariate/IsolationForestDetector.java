package dev.vigil.detect.multivariate;

import dev.vigil.detect.JointCalibration;
import dev.vigil.detect.Status;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Multivariate check of one service over aligned points of its key metrics (request rate, latency, CPU...):
 * Smile's extended Isolation Forest, fitted on a sliding window of recent points and refitted every
 * {@code refitEvery} points. It catches combinations that no single metric shows (latency up while traffic is
 * flat). Each point is judged by the model fitted before it ({@link ForestModel}: the forest over whitened metrics);
 * its isolation (in robust sigmas of the window's own) and its largest conditional residual are calibrated into a
 * false-alarm-rate score by {@link JointCalibration}, the univariate detector's tail model and scoring.
 *
 * <p>Fitting takes milliseconds to tens of milliseconds, so it runs on {@code refits}: the caller's thread only
 * copies the window (a few thousand doubles) and hands it over; the new forest is swapped in when done, and points
 * arriving meanwhile are judged by the previous one. Not thread-safe otherwise: its owner serialises
 * {@link #score} and {@link #toBytes}. State is the window and the calibration ({@link MultivariateState}); the
 * forest is refitted from the window on restore.
 */
public final class IsolationForestDetector {

    /** Conditional sigmas of the dominant metric: its usual range, given the others, as the anomaly reports it. */
    private static final double BAND_SIGMAS = 3;

    private final MultivariateSettings settings;
    private final Executor refits;
    private final JointCalibration calibration;
    private final double[][] ring;
    private int size;
    private int next;
    private long seen;
    private long lastStepMillis = Long.MIN_VALUE;
    private volatile long fittedAt;
    private volatile ForestModel model;
    private final AtomicBoolean fitting = new AtomicBoolean();

    public IsolationForestDetector(MultivariateSettings settings, Executor refits) {
        this.settings = settings;
        this.refits = refits;
        this.calibration = new JointCalibration(settings.sensitivity());
        this.ring = new double[settings.window()][];
    }

    /**
     * Judges the point against the current forest, then adds it to the window (and asks for a refit when due).
     * Empty when the step is not after the last one judged (redelivery after a restart).
     */
    public Optional<MultivariateScore> score(long stepMillis, double intervalMillis, double[] values) {
        if (values.length != settings.dimensions()) {
            throw new IllegalArgumentException("expected " + settings.dimensions() + " values, got " + values.length);
        }
        if (stepMillis <= lastStepMillis) {
            return Optional.empty();
        }
        lastStepMillis = stepMillis;
        ForestModel m = model;
        MultivariateScore result = m == null ? MultivariateScore.warmingUp() : judge(m, values, intervalMillis);
        remember(values.clone());
        if (seen >= settings.warmUp() && (m == null || seen - fittedAt >= settings.refitEvery())) {
            refit();
        }
        return Optional.of(result);
    }

    private MultivariateScore judge(ForestModel m, double[] values, double intervalMillis) {
        double statistic = m.statistic(values);
        double score = calibration.scoreAndLearn(statistic, m.largestResidual(values), intervalMillis);
        if (score == 0) {
            return new MultivariateScore(0, statistic, Status.SCORED, -1, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN); // no evidence (most points): naming a metric would cost a scoring per metric
        }
        int d = m.dominant(values);
        double expected = m.expected(values, d);
        double band = BAND_SIGMAS * m.conditionalSpread(d);
        return new MultivariateScore(score, statistic, Status.SCORED, d, values[d], expected, expected - band,
                expected + band);
    }

    private void remember(double[] values) {
        ring[next] = values;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
        seen++;
    }

    /** Hands a copy of the window to the refit executor, unless a fit is already under way. */
    private void refit() {
        if (!fitting.compareAndSet(false, true)) {
            return;
        }
        double[][] data = window();
        long at = seen;
        try {
            refits.execute(() -> {
                try {
                    model = ForestModel.fit(data, settings.trees());
                    fittedAt = at;
                } finally {
                    fitting.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            fitting.set(false); // the executor is full or shut down: the next point asks again
        }
    }

    double[][] window() {
        double[][] out = new double[size][];
        for (int i = 0; i < size; i++) {
            out[i] = ring[(next - size + i + ring.length) % ring.length];
        }
        return out;
    }

    /** Whether a forest is in place (false while warming up, and after a restore until its refit is done). */
    public boolean fitted() {
        return model != null;
    }

    public long lastStepMillis() {
        return lastStepMillis;
    }

    /** The checkpoint: window, counters and calibration ({@link MultivariateState}). */
    public byte[] toBytes() {
        return MultivariateState.encode(settings.dimensions(), window(), seen, lastStepMillis, calibration.state());
    }

    /**
     * A detector resumed from {@link #toBytes()}; its forest is refitted from the restored window on
     * {@code refits} (an Isolation Forest is cheaper to refit than to store). Throws IllegalArgumentException on
     * state of another version or shape.
     */
    public static IsolationForestDetector restore(MultivariateSettings settings, Executor refits, byte[] bytes) {
        MultivariateState s = MultivariateState.decode(ByteBuffer.wrap(bytes), settings.dimensions());
        IsolationForestDetector d = new IsolationForestDetector(settings, refits);
        int from = Math.max(0, s.window().length - settings.window());
        for (int i = from; i < s.window().length; i++) {
            d.remember(s.window()[i]);
        }
        d.seen = s.seen();
        d.lastStepMillis = s.lastStepMillis();
        d.calibration.restore(s.calibration());
        if (d.size >= settings.warmUp()) {
            d.fittedAt = d.seen;
            d.refit();
        }
        return d;
    }
}
