package dev.vigil.flow;

import dev.vigil.gate.service.MetricRollup;
import dev.vigil.gate.service.RollupRepository;
import dev.vigil.gate.service.SampleRollups;
import dev.vigil.ingest.service.DerivedState;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The gate's sample rollups stored with the consumer offsets: every series flush takes the open rollups, captured
 * while no batch runs, and upserts them in the transaction of the counts and offsets. The stored rollups so hold
 * exactly the records before the stored offsets: the owner that resumes there (a new replica after a hand-over, this
 * one after a {@code kill -9}) adds neither a sample twice nor misses one. When the transaction fails they go back
 * into memory with the counts; when the partitions are taken away, or another owner claimed them, they are dropped.
 */
@ApplicationScoped
public class RollupsWithOffsets implements DerivedState {

    private final SampleRollups open;

    public RollupsWithOffsets(SampleRollups open) {
        this.open = open;
    }

    @Override
    public Capture capture() {
        List<MetricRollup> taken = open.takeAll();
        if (taken.isEmpty()) {
            return NOTHING;
        }
        return new Capture() {
            @Override
            public void write(Connection connection) throws SQLException {
                RollupRepository.write(connection, taken);
            }

            @Override
            public void failed() {
                open.putBack(taken);
            }
        };
    }

    @Override
    public void discard() {
        open.clear();
    }
}
