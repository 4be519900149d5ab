package dev.vigil.detect.service;

import java.time.Instant;

/**
 * A detector's state for one series, as last written.
 *
 * @param seriesId    the series' short id
 * @param canonical   the series' canonical key ({@code service|metric|k=v,...})
 * @param definition  name of the definition the detector was built from
 * @param fingerprint identifies the definition's algorithm and settings; a changed definition starts afresh
 * @param state       the detector's compact encoding ({@code DetectorCodec#encode})
 * @param lastPoint   time of the last point the state has learnt from
 */
public record DetectorCheckpoint(String seriesId, String canonical, String definition, String fingerprint, byte[] state,
        Instant lastPoint) {
}
