package dev.vigil.core;

/**
 * What an anomaly score means, shared by detection (which produces scores) and the gate (which weighs them): the
 * false alarms per series that a threshold at that score lets through on data without anomalies, counted in
 * <em>budgets</em>. One budget is the rate at the {@code info} score, 0.75: one false alarm per series per day (or
 * one per 200 points for a series sampled more slowly than every ~7 minutes). {@code warning} (0.85) is a tenth of
 * a budget, {@code critical} (0.95) a hundredth: 0.1 of score per decade, then a quarter of the remaining distance
 * to 1 per further decade, so scores stay ordered however rare the evidence. Scores below 0.75 are more than one
 * budget: they are not alarms, and this scale does not grade them.
 */
public final class AlarmRate {

    /** The score of one budget: the shipped {@code info} threshold, where an anomaly opens. */
    public static final double INFO_SCORE = 0.75;
    /** Score per decade of the rate between one budget (info) and a hundredth (critical). */
    public static final double SCORE_PER_DECADE = 0.1;
    /** Decades from info to critical (critical = a hundredth of a budget). */
    public static final double CRITICAL_DECADES = 2;
    /** The score of a hundredth of a budget: the shipped {@code critical} level. */
    public static final double CRITICAL_SCORE = INFO_SCORE + SCORE_PER_DECADE * CRITICAL_DECADES;
    /** Beyond critical, each decade takes this share of the remaining distance to 1. */
    private static final double TAIL_DECAY = Math.pow(10, -0.25);
    private static final double LN_10 = Math.log(10);

    private AlarmRate() {
    }

    /** The score of evidence this many decades rarer than one budget ({@code decades >= 0}). */
    public static double scoreAtDecades(double decades) {
        if (decades <= CRITICAL_DECADES) {
            return INFO_SCORE + SCORE_PER_DECADE * Math.max(decades, 0);
        }
        return 1 - (1 - CRITICAL_SCORE) * Math.exp(-0.25 * LN_10 * (decades - CRITICAL_DECADES));
    }

    /** The score of evidence whose false-alarm rate is {@code budgets} budgets (at most 1: an alarm at all). */
    public static double scoreAt(double budgets) {
        return scoreAtDecades(-Math.log10(budgets));
    }

    /** How many budgets of false alarms a threshold at {@code score} lets through; 1 or more below info. */
    public static double budgetsAt(double score) {
        if (!(score > INFO_SCORE)) {
            return 1;
        }
        if (score <= CRITICAL_SCORE) {
            return Math.pow(10, -(score - INFO_SCORE) / SCORE_PER_DECADE);
        }
        if (score >= 1) {
            return 0;
        }
        double decadesPastCritical = Math.log((1 - score) / (1 - CRITICAL_SCORE)) / Math.log(TAIL_DECAY);
        return Math.pow(10, -(CRITICAL_DECADES + decadesPastCritical));
    }
}
