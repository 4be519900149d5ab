package dev.vigil.predict;

import java.util.Locale;

/**
 * Platt scaling of a model's probability: {@code p' = sigmoid(slope * logit(p) + intercept)}, fitted on the
 * validation tail of the training rows (never on test data). Chosen over isotonic regression because it is
 * monotone and strictly increasing (the ranking, hence AUC and the effort-aware figures, is unchanged), needs two
 * numbers (robust on the 20-row validation tail of a service with 100 labelled deploys, where isotonic steps would
 * be noise), and keeps explanations exact: calibrated log-odds are {@code slope} times the model's log-odds plus a
 * constant, so contributions scaled by {@code slope} still add up.
 *
 * @param slope     multiplies the model's log-odds (> 0 keeps the ranking)
 * @param intercept shifts them (corrects a base rate that drifted since the fit rows)
 */
public record Calibration(double slope, double intercept) {

    public static final Calibration IDENTITY = new Calibration(1, 0);
    public static final String METHOD = "platt";
    private static final double EPS = 1e-9;

    public Calibration {
        if (!(slope > 0) || !Double.isFinite(slope) || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException("calibration slope must be finite and > 0 and intercept finite, got "
                    + slope + ", " + intercept);
        }
    }

    public boolean isIdentity() {
        return slope == 1 && intercept == 0;
    }

    public double apply(double p) {
        return isIdentity() ? p : sigmoid(slope * logit(p) + intercept);
    }

    /**
     * Maximum likelihood with Platt's smoothed targets ((n+ + 1) / (n+ + 2) and 1 / (n- + 2) instead of 1 and 0),
     * which keeps the fit finite when the scores separate the classes; Newton's method from the identity.
     */
    public static Calibration fit(int[] y, double[] p) {
        if (y.length != p.length || y.length == 0) {
            throw new IllegalArgumentException("expected as many scores as labels (> 0), got " + p.length + ", " + y.length);
        }
        long positives = java.util.Arrays.stream(y).filter(v -> v == 1).count();
        double hi = (positives + 1.0) / (positives + 2.0);
        double lo = 1.0 / (y.length - positives + 2.0);
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (int i = 0; i < y.length; i++) {
                double s = logit(p[i]);
                double q = sigmoid(a * s + b);
                double d = q - (y[i] == 1 ? hi : lo);
                double w = q * (1 - q);
                ga += d * s;
                gb += d;
                haa += w * s * s;
                hab += w * s;
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
                break;
            }
        }
        // A non-positive slope means the tail ranks the scores backwards: no evidence worth calibrating with.
        return a > 0 && Double.isFinite(b) ? new Calibration(a, b) : IDENTITY;
    }

    public String describe() {
        return isIdentity() ? "none" : String.format(Locale.ROOT, "%s slope %.4f intercept %.4f", METHOD, slope, intercept);
    }

    static double logit(double p) {
        double c = Math.min(1 - EPS, Math.max(EPS, p));
        return Math.log(c / (1 - c));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
