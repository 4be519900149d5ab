package dev.vigil.detect.definition;

import java.util.Map;

/** Placeholder, replaced below. */
public record SeriesSelector(String service, String metric, Map<String, String> labels) {
}
