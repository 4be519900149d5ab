package dev.vigil.predict;

import java.util.Map;

/** Short human descriptions of feature names, for explanations. Unknown names describe themselves. */
public final class FeatureGlossary {

    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("ns", "subsystems touched"),
            Map.entry("nd", "directories touched"),
            Map.entry("nf", "files touched"),
            Map.entry("entropy", "spread of the change over files"),
            Map.entry("la", "lines added"),
            Map.entry("ld", "lines deleted"),
            Map.entry("lt", "lines in the touched files before the change"),
            Map.entry("fix", "the change is a bug fix"),
            Map.entry("ndev", "developers who changed these files before"),
            Map.entry("age", "mean days since these files last changed"),
            Map.entry("nuc", "prior changes to these files"),
            Map.entry("exp", "author's prior changes"),
            Map.entry("rexp", "author's recent changes"),
            Map.entry("sexp", "author's prior changes in these subsystems"),
            Map.entry("failure_rate", "share of recent deploys that failed"),
            Map.entry("deploys_per_day", "recent deploy frequency"),
            Map.entry("days_since_failure", "days since the last failed deploy"),
            Map.entry("open_anomalies", "open anomalies on the service"),
            Map.entry("hour_of_day", "hour of day of the deploy"),
            Map.entry("day_of_week", "day of week of the deploy (1 = Monday)"));

    private FeatureGlossary() {
    }

    public static String describe(String feature) {
        return DESCRIPTIONS.getOrDefault(feature, feature);
    }
}
