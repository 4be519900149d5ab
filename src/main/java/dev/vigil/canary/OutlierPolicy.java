package dev.vigil.canary;

/**
 * Outlier handling before classification. {@code remove} drops values outside the Tukey fences
 * [Q1 - factor*IQR, Q3 + factor*IQR] of each sample separately (Kayenta's {@code outliers.strategy: remove},
 * default factor 3.0); {@code keep} leaves the sample alone.
 */
public record OutlierPolicy(boolean remove, double factor) {

    public static final OutlierPolicy KEEP = new OutlierPolicy(false, 3.0);

    public OutlierPolicy {
        if (!Double.isFinite(factor) || factor <= 0) {
            throw new IllegalArgumentException("outliers.factor must be a finite number > 0, got " + factor);
        }
    }

    public static OutlierPolicy removeBeyond(double factor) {
        return new OutlierPolicy(true, factor);
    }
}
