package dev.vigil.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of a series: service, metric name and sorted labels.
 *
 * @param canonical {@code service|name|k1=v1,k2=v2} with labels sorted by name; used as the Kafka record key so
 *                  that every sample of a series lands on the same partition
 * @param id        a short stable id derived from {@code canonical} (first 16 bytes of its SHA-256, hex)
 */
public record SeriesKey(String service, String name, Map<String, String> labels, String canonical, String id) {

    public static SeriesKey of(String service, String name, Map<String, String> labels) {
        Map<String, String> sorted = new TreeMap<>(labels);
        String canonical = canonical(service, name, sorted);
        return new SeriesKey(service, name, java.util.Collections.unmodifiableMap(sorted), canonical, idOf(canonical));
    }

    /** The canonical form alone, without the SHA-256 of {@link #id}, which the per-sample path does not need. */
    static String canonical(String service, String name, Map<String, String> sortedLabels) {
        StringBuilder sb = new StringBuilder(service.length() + name.length() + 2 + sortedLabels.size() * 16)
                .append(service).append('|').append(name).append('|');
        boolean first = true;
        for (Map.Entry<String, String> e : sortedLabels.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
            first = false;
        }
        return sb.toString();
    }

    private static String idOf(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
