package dev.vigil.detect;

/**
 * The univariate calibration, lent to a detector over several metrics at once (package {@code multivariate}).
 * It judges a point by two statistics whose larger values are rarer, as the univariate detector judges one by its
 * point and shift sides: how much faster than usual the point isolates in the forest, and how far its most deviant
 * metric is from what the others predict (in conditional sigmas). Isolation saturates: a point beyond the range of
 * the forest's sample isolates about as fast as the sample's most extreme point, so isolation alone cannot say
 * "rarer than one step in a day" at a minute's step; the residual can. Each statistic's tail is fitted by the same
 * {@link TailModel} as a point residual, and the two tail probabilities become the same false-alarm-rate score by
 * {@link Scoring} (the smaller p, corrected for looking twice), so 0.75, 0.85 and 0.95 mean one false alarm per day,
 * per 10 days and per 100 days here too, per service step rather than per series point.
 */
public final class JointCalibration {

    private static final int STATE_VALUES = 7;

    private final Scoring scoring;
    private final TailModel isolation = TailModel.ofResiduals();
    private final TailModel residual = TailModel.ofResiduals();
    private long learnt;

    public JointCalibration(double sensitivity) {
        this.scoring = new Scoring(DetectorSettings.defaults().withSensitivity(sensitivity));
    }

    /**
     * Scores a point with these two statistics, observed once per {@code intervalMillis}, then learns both tails
     * from it. The steps learnt so far times the interval are the history its evidence may not reach far beyond
     * ({@link Scoring#MAX_EXTRAPOLATION}).
     */
    public double scoreAndLearn(double isolationStatistic, double residualStatistic, double intervalMillis) {
        double score = scoring.score(isolation.lnTail(isolationStatistic, learnt), residual.lnTail(residualStatistic, learnt),
                intervalMillis, learnt * intervalMillis);
        isolation.learn(isolationStatistic, learnt);
        residual.learn(residualStatistic, learnt);
        learnt++;
        return score;
    }

    /** The state to checkpoint: each tail's threshold, mean and mean square excess, and the count learnt. */
    public double[] state() {
        return new double[] {isolation.threshold, isolation.mean, isolation.square, residual.threshold, residual.mean,
                residual.square, learnt};
    }

    /** Resumes from {@link #state()}. */
    public void restore(double[] state) {
        if (state.length != STATE_VALUES) {
            throw new IllegalArgumentException("joint calibration state has " + STATE_VALUES + " values, got "
                    + state.length);
        }
        isolation.threshold = state[0];
        isolation.mean = state[1];
        isolation.square = state[2];
        residual.threshold = state[3];
        residual.mean = state[4];
        residual.square = state[5];
        learnt = (long) state[6];
    }

    /** Values in {@link #state()}. */
    public static int stateValues() {
        return STATE_VALUES;
    }
}
