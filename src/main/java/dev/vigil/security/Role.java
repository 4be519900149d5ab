package dev.vigil.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a token may do. {@code admin} may do everything; the others are deliberately narrow. */
public enum Role {
    /** Read anomalies, series, deploys, decisions, detectors. */
    VIEWER,
    /** Send metrics and deploy events. */
    INGEST,
    /** Ask for gate decisions (and read them). */
    GATE,
    /**
     * Give verdicts on anomalies. A verdict retunes the series' detector (a false positive widens its band) and
     * takes a false positive out of gate checks and retraining labels, so it is a permission of its own.
     */
    FEEDBACK,
    /** Manage tokens and configuration; implies every other role. */
    ADMIN;

    public static final String VIEWER_NAME = "viewer";
    public static final String INGEST_NAME = "ingest";
    public static final String GATE_NAME = "gate";
    public static final String FEEDBACK_NAME = "feedback";
    public static final String ADMIN_NAME = "admin";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String text) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(text)).findFirst();
    }
}
