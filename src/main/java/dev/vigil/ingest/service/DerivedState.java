package dev.vigil.ingest.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * State derived from the consumed records besides the series counts (detector state), stored in the same transaction
 * as the consumer offsets it reflects: a partition's next owner, or this process after a {@code kill -9}, resumes
 * from the stored offset with exactly the state those records built, neither behind nor reset. Implemented where
 * the capabilities are joined ({@code dev.vigil.flow.DetectorStateWithOffsets}, {@code dev.vigil.flow.RollupsWithOffsets});
 * the flusher stores them all ({@link #all}).
 */
public interface DerivedState {

    /** Called while no batch of records is being processed, with the drain of the counts: what to store with them. */
    Capture capture();

    /**
     * The partitions were taken away (after their state was stored, or when it could not be): forget everything held
     * in memory, so that whatever is read next starts from the stored state.
     */
    void discard();

    /** One capture, written in the flush's transaction. */
    interface Capture {

        void write(Connection connection) throws SQLException;

        /** The transaction was rolled back: keep what was captured for the next flush. */
        void failed();
    }

    Capture NOTHING = new Capture() {
        @Override
        public void write(Connection connection) {
        }

        @Override
        public void failed() {
        }
    };

    /** All of {@code states} as one: captured, written (in this order), kept and discarded together. */
    static DerivedState all(List<? extends DerivedState> states) {
        List<DerivedState> each = List.copyOf(states);
        if (each.size() == 1) {
            return each.get(0);
        }
        return new DerivedState() {
            @Override
            public Capture capture() {
                List<Capture> captures = new ArrayList<>(each.size());
                for (DerivedState state : each) {
                    Capture capture = state.capture();
                    if (capture != NOTHING) {
                        captures.add(capture);
                    }
                }
                if (captures.isEmpty()) {
                    return NOTHING;
                }
                return new Capture() {
                    @Override
                    public void write(Connection connection) throws SQLException {
                        for (Capture capture : captures) {
                            capture.write(connection);
                        }
                    }

                    @Override
                    public void failed() {
                        captures.forEach(Capture::failed);
                    }
                };
            }

            @Override
            public void discard() {
                each.forEach(DerivedState::discard);
            }
        };
    }
}
