package dev.vigil.git;

import java.util.List;

/**
 * The 14 just-in-time change features of Kamei et al. (2013), for one commit or aggregated over a commit range.
 * Definitions (how they are mined) live with the extractor in {@code dev.vigil.git.JitFeatureExtractor}; here they
 * are only values, in the column order of the public JIT data set.
 *
 * @param ns      subsystems (top-level directories) touched
 * @param nd      directories touched
 * @param nf      files touched
 * @param entropy Shannon entropy of the modified lines over the touched files
 * @param la      lines added
 * @param ld      lines deleted
 * @param lt      lines in the touched files before the change
 * @param fix     1 when the change fixes a defect, else 0
 * @param ndev    distinct developers who changed the touched files before
 * @param age     mean days since the touched files were last changed
 * @param nuc     unique prior changes to the touched files
 * @param exp     author's prior changes
 * @param rexp    author's prior changes weighted by recency (1 / (years ago + 1))
 * @param sexp    author's prior changes in the touched subsystems
 */
public record ChangeFeatures(double ns, double nd, double nf, double entropy, double la, double ld, double lt,
                             double fix, double ndev, double age, double nuc, double exp, double rexp,
                             double sexp) {

    /** Feature names in array order; they match the JIT CSV headers except {@code entropy} (CSV: entrophy). */
    public static final List<String> NAMES = List.of(
            "ns", "nd", "nf", "entropy", "la", "ld", "lt", "fix", "ndev", "age", "nuc", "exp", "rexp", "sexp");
    public static final int COUNT = 14;

    public ChangeFeatures {
        double[] values = {ns, nd, nf, entropy, la, ld, lt, fix, ndev, age, nuc, exp, rexp, sexp};
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("feature " + NAMES.get(i) + " must be finite, got " + values[i]);
            }
        }
        if (fix != 0 && fix != 1) {
            throw new IllegalArgumentException("feature fix must be 0 or 1, got " + fix);
        }
    }

    public static ChangeFeatures of(double[] values) {
        if (values.length != COUNT) {
            throw new IllegalArgumentException("expected " + COUNT + " features, got " + values.length);
        }
        return new ChangeFeatures(values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                values[7], values[8], values[9], values[10], values[11], values[12], values[13]);
    }

    public double[] toArray() {
        return new double[] {ns, nd, nf, entropy, la, ld, lt, fix, ndev, age, nuc, exp, rexp, sexp};
    }

    /** Changed lines, the effort measure of effort-aware evaluation. */
    public double churn() {
        return la + ld;
    }
}
