package dev.vigil.detect.service;

import dev.vigil.ingest.SeriesKey;

/** The definitions' view of an ingest series key. */
final class SeriesKeys {

    private SeriesKeys() {
    }

    static dev.vigil.detect.definition.SeriesKey forDefinitions(SeriesKey key) {
        return new dev.vigil.detect.definition.SeriesKey(key.service(), key.name(), key.labels());
    }
}
