package dev.vigil.detect;

/**
 * The univariate calibration, lent to a detector over several metrics at once (package {@code multivariate}):
 * a statistic whose larger values are rarer (for the Isolation Forest, how much faster than usual a point
 * isolates) gets its tail fitted by the same {@link TailModel} as a point residual, and its tail probability is
 * turned into the same false-alarm-rate score by {@link Scoring}, so 0.75, 0.85 and 0.95 mean one false alarm per
 * day, per 10 days and per 100 days here too (per service step rather than per series point). One test, not two:
 * Scoring's correction for a point and a shift side looking twice is taken back.
 */
public final class JointCalibration {

    private static final double LN_TESTS = Math.log(2);

    private final Scoring scoring;
    private final TailModel tail = TailModel.ofResiduals();
    private long learnt;

    public JointCalibration(double sensitivity) {
        this.scoring = new Scoring(DetectorSettings.defaults().withSensitivity(sensitivity));
    }

    /** Scores {@code statistic} observed once per {@code intervalMillis}, then learns its tail from it. */
    public double scoreAndLearn(double statistic, double intervalMillis) {
        double score = scoring.score(tail.lnTail(statistic) - LN_TESTS, 0, intervalMillis);
        tail.learn(statistic, learnt++);
        return score;
    }

    /** The statistic at which a point would reach the info threshold (the edge of the normal band). */
    public double statisticAtThreshold(double intervalMillis) {
        return tail.zAt(scoring.lnPAtThreshold(intervalMillis) + LN_TESTS);
    }

    /** The state to checkpoint: the tail's threshold, mean and mean square excess, and the count learnt. */
    public double[] state() {
        return new double[] {tail.threshold, tail.mean, tail.square, learnt};
    }

    /** Resumes from {@link #state()}. */
    public void restore(double[] state) {
        if (state.length != 4) {
            throw new IllegalArgumentException("joint calibration state has 4 values, got " + state.length);
        }
        tail.threshold = state[0];
        tail.mean = state[1];
        tail.square = state[2];
        learnt = (long) state[3];
    }
}
