package dev.vigil.gate;

/**
 * Pass/warn limits of a check, read in the check's "better" direction: with {@code lowerIsBetter} an observed value
 * at most {@code pass} passes, at most {@code warn} warns, anything above fails; otherwise the reverse.
 */
public record Limits(double pass, double warn, boolean lowerIsBetter) {

    public Limits {
        if (!Double.isFinite(pass) || !Double.isFinite(warn)) {
            throw new IllegalArgumentException("pass and warn limits must be finite numbers, got " + pass + " and " + warn);
        }
        if (lowerIsBetter ? warn < pass : warn > pass) {
            throw new IllegalArgumentException("warn limit " + warn + " must be " + (lowerIsBetter ? ">=" : "<=")
                    + " pass limit " + pass + " because " + (lowerIsBetter ? "lower" : "higher") + " values are better");
        }
    }

    public CheckStatus grade(double observed) {
        if (Double.isNaN(observed)) {
            return CheckStatus.INCONCLUSIVE;
        }
        if (lowerIsBetter ? observed <= pass : observed >= pass) {
            return CheckStatus.PASS;
        }
        return (lowerIsBetter ? observed <= warn : observed >= warn) ? CheckStatus.WARN : CheckStatus.FAIL;
    }

    /** The limit that the observed value was held against, for display ("<= 0.01", ">= 95"). */
    public String describe() {
        String op = lowerIsBetter ? "<= " : ">= ";
        return "pass " + op + fmt(pass) + ", warn " + op + fmt(warn);
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
