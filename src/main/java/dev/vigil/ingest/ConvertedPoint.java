package dev.vigil.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One point of a foreign format (OTLP, Prometheus remote_write) turned into a record of a JSON shape
 * {@link MetricParser} accepts, so that it meets exactly the validation Vigil's own JSON meets; or the reason it
 * could not be turned into one. Exactly one of {@code record} and {@code rejection} is non-null.
 *
 * @param path where the point sits in the request (for example {@code timeseries[3].samples[0]}), for people
 */
public record ConvertedPoint(String path, ObjectNode record, Rejection rejection) {

    public static ConvertedPoint of(String path, ObjectNode record) {
        return new ConvertedPoint(path, record, null);
    }

    public static ConvertedPoint rejected(String path, Rejection rejection) {
        return new ConvertedPoint(path, null, rejection);
    }
}
