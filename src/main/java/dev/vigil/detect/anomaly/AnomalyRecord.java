package dev.vigil.detect.anomaly;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.util.StdConverter;
import dev.vigil.core.Severity;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One anomaly of one series as stored and served by the API.
 *
 * @param id         stable id, assigned when the anomaly opens
 * @param seriesId   the series' short id (see {@code dev.vigil.core.SeriesKey#id})
 * @param detector   name of the detector definition that judged the series
 * @param status     open or closed ({@code open} / {@code closed} in the store and in JSON)
 * @param severity   of the peak; stored and served as its {@link Severity#wireName} ({@code info}, {@code warning},
 *                   {@code critical})
 * @param startedAt  first anomalous point (sample time)
 * @param updatedAt  time of the point that caused the latest change
 * @param endedAt    last anomalous point, once closed; null while open
 * @param peakScore  highest score seen in this anomaly, in [0, 1]
 * @param observed   value at the peak
 * @param expected   what the detector expected at the peak
 * @param lower      lower edge of the normal band at the peak
 * @param upper      upper edge of the normal band at the peak
 * @param component  which test of the detector fired at the peak
 */
public record AnomalyRecord(String id, String seriesId, String service, String metric, Map<String, String> labels,
        String detector, Status status, @JsonSerialize(converter = AnomalyRecord.SeverityWire.class) Severity severity,
        Instant startedAt, Instant updatedAt, Instant endedAt, double peakScore, double observed, double expected,
        double lower, double upper, String component) {

    /** Whether the anomaly is still going on. */
    public enum Status {
        OPEN, CLOSED;

        /** The word stored and served: {@code open}, {@code closed}. */
        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromWire(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    /** Serves a severity as it is stored: {@link Severity#wireName}. */
    public static final class SeverityWire extends StdConverter<Severity, String> {
        @Override
        public String convert(Severity severity) {
            return severity.wireName();
        }
    }

    public AnomalyRecord {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A builder, so that a record of 17 fields is made by naming them, not by position. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .seriesId(seriesId)
                .service(service)
                .metric(metric)
                .labels(labels)
                .detector(detector)
                .status(status)
                .severity(severity)
                .startedAt(startedAt)
                .updatedAt(updatedAt)
                .endedAt(endedAt)
                .peakScore(peakScore)
                .observed(observed)
                .expected(expected)
                .lower(lower)
                .upper(upper)
                .component(component);
    }

    /** Fluent builder of {@link AnomalyRecord}; an unset field is null (0 for a number). */
    public static final class Builder {
        private String id;
        private String seriesId;
        private String service;
        private String metric;
        private Map<String, String> labels;
        private String detector;
        private Status status;
        private Severity severity;
        private Instant startedAt;
        private Instant updatedAt;
        private Instant endedAt;
        private double peakScore;
        private double observed;
        private double expected;
        private double lower;
        private double upper;
        private String component;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder seriesId(String seriesId) {
            this.seriesId = seriesId;
            return this;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        public Builder metric(String metric) {
            this.metric = metric;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            this.labels = labels;
            return this;
        }

        public Builder detector(String detector) {
            this.detector = detector;
            return this;
        }

        public Builder status(Status status) {
            this.status = status;
            return this;
        }

        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder endedAt(Instant endedAt) {
            this.endedAt = endedAt;
            return this;
        }

        public Builder peakScore(double peakScore) {
            this.peakScore = peakScore;
            return this;
        }

        public Builder observed(double observed) {
            this.observed = observed;
            return this;
        }

        public Builder expected(double expected) {
            this.expected = expected;
            return this;
        }

        public Builder lower(double lower) {
            this.lower = lower;
            return this;
        }

        public Builder upper(double upper) {
            this.upper = upper;
            return this;
        }

        public Builder component(String component) {
            this.component = component;
            return this;
        }

        public AnomalyRecord build() {
            return new AnomalyRecord(id, seriesId, service, metric, labels, detector, status, severity, startedAt,
                    updatedAt, endedAt, peakScore, observed, expected, lower, upper, component);
        }
    }
}
