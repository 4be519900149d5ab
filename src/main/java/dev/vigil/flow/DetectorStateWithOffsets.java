package dev.vigil.flow;

import dev.vigil.detect.service.CheckpointRepository;
import dev.vigil.detect.service.DetectionService;
import dev.vigil.detect.service.DetectorCheckpoint;
import dev.vigil.ingest.service.DerivedState;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Detection's state stored with the consumer offsets: every series flush writes the checkpoints of the detectors that
 * learnt something since the last one, in the same transaction as the counts and offsets, captured while no batch
 * runs. A checkpoint is so never behind the offset its partition resumes from: the owner that resumes there (a new
 * replica after a hand-over, this one after a {@code kill -9}) scores every record after it with the state built by
 * every record before it.
 */
@ApplicationScoped
public class DetectorStateWithOffsets implements DerivedState {

    private final DetectionService detection;
    private final Clock clock;
    /** Checkpoints whose transaction failed, by series id, written with the next flush unless a newer one replaces them. */
    private final Map<String, DetectorCheckpoint> unwritten = new LinkedHashMap<>();

    public DetectorStateWithOffsets(DetectionService detection, Clock clock) {
        this.detection = detection;
        this.clock = clock;
    }

    @Override
    public synchronized Capture capture() {
        Map<String, DetectorCheckpoint> all = new LinkedHashMap<>(unwritten);
        unwritten.clear();
        detection.dirtyCheckpoints().forEach(cp -> all.put(cp.seriesId(), cp));
        if (all.isEmpty()) {
            return NOTHING;
        }
        List<DetectorCheckpoint> checkpoints = new ArrayList<>(all.values());
        return new Capture() {
            @Override
            public void write(Connection connection) throws SQLException {
                CheckpointRepository.write(connection, checkpoints, clock.instant());
            }

            @Override
            public void failed() {
                keep(checkpoints);
            }
        };
    }

    private synchronized void keep(List<DetectorCheckpoint> checkpoints) {
        checkpoints.forEach(cp -> unwritten.putIfAbsent(cp.seriesId(), cp));
    }

    @Override
    public synchronized void discard() {
        unwritten.clear();
        detection.dropAll();
    }
}
