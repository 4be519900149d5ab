package dev.vigil.canary;

/** Shared first checks of every classifier: empty samples and the minimum sample size. */
final class DataGuards {

    private DataGuards() {
    }

    /**
     * @param noDataDeviation the ratio reported with NoData (Kayenta: 1.0 for Mann-Whitney, 0.0 for mean inequality)
     * @return a classification when the data cannot be judged, or null to go on
     */
    static MetricClassification check(MetricSpec spec, double[] c, double[] b, double noDataDeviation) {
        if (c.length == 0 || b.length == 0) {
            return missing(spec, c, b, noDataDeviation);
        }
        if (c.length < spec.minSamples() || b.length < spec.minSamples()) {
            return noData(spec, c, b, noDataDeviation, "too few points to judge: " + c.length + " canary and "
                    + b.length + " baseline, minSamples is " + spec.minSamples());
        }
        return null;
    }

    private static MetricClassification missing(MetricSpec spec, double[] c, double[] b, double noDataDeviation) {
        String which = c.length == 0 && b.length == 0 ? "canary and baseline" : c.length == 0 ? "canary" : "baseline";
        if (spec.mustHaveData() && !spec.critical()) {
            return new MetricClassification(spec.name(), Label.NODATA_FAIL, false, noDataDeviation, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, c.length, b.length,
                    "missing data for " + spec.name() + " (" + which + "), and the metric must have data");
        }
        if (spec.nanStrategy() == NanStrategy.REPLACE) {
            // "replace" declares that absent points mean zero, so an absent series is a quiet one.
            return new MetricClassification(spec.name(), Label.PASS, false, 1.0, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, c.length, b.length,
                    "no " + which + " points; nanStrategy replace treats missing values as 0");
        }
        return noData(spec, c, b, noDataDeviation, "missing data for " + spec.name() + " (" + which + ")");
    }

    private static MetricClassification noData(MetricSpec spec, double[] c, double[] b, double deviation,
                                               String reason) {
        return new MetricClassification(spec.name(), Label.NODATA, spec.critical(), deviation, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, c.length, b.length, reason);
    }
}
