package dev.vigil.canary;

/** Per-metric classification, as Kayenta's metric classifiers label it. */
public enum Label {
    /** No significant change in a watched direction (or not large enough to matter). */
    PASS,
    /** Canary significantly higher than baseline, in a watched direction. */
    HIGH,
    /** Canary significantly lower than baseline, in a watched direction. */
    LOW,
    /** Too little data to judge. */
    NODATA,
    /** Too little data on a metric that must have data: counts as a failed metric. */
    NODATA_FAIL;

    public boolean failsMetric() {
        return this == HIGH || this == LOW || this == NODATA_FAIL;
    }
}
