package dev.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.detect.state.DetectorStateV4;
import dev.vigil.detect.state.DetectorStateV5;
import dev.vigil.detect.state.StateFixtures;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Version 5 of the detector state reads version 4's tail models, whose first double was an exceedance rate, through
 * {@link TailModel#thresholdOfRateModel}; checked here against the tail model itself (its fit is package-private).
 */
class TailModelMigrationTest {

    @Test
    void version4TailsMigrateToTheThresholdWhereTheirFittedTailHadProbabilityQ() throws IOException {
        byte[] v4bytes = StateFixtures.read("/detect/seasonal-state-v4.b64");
        DetectorStateV4 v4 = DetectorStateV4.fromBytes(v4bytes);
        DetectorStateV5 v5 = DetectorStateV5.fromBytes(v4bytes);
        for (int k = 0; k < 12; k += 3) {
            double rate = v4.fields().tails()[k];
            TailModel migrated = TailModel.ofResiduals();
            migrated.threshold = v5.fields().tails()[k];
            migrated.mean = v4.fields().tails()[k + 1];
            migrated.square = v4.fields().tails()[k + 2];
            assertEquals(v4.fields().tails()[k + 1], v5.fields().tails()[k + 1], "mean excess kept");
            if (rate > TailModel.Q) {
                assertTrue(migrated.threshold > 2, "above the old fixed threshold: " + migrated.threshold);
            } else {
                assertEquals(2.0, migrated.threshold, 1e-12, "the old threshold when fewer than Q exceeded it");
            }
            if (rate > TailModel.Q) {
                // where the old tail, P(z > 2 + y) = rate x GPD(y), had probability Q
                TailModel old = TailModel.ofResiduals();
                old.mean = v4.fields().tails()[k + 1];
                old.square = v4.fields().tails()[k + 2];
                double oldLnP = Math.log(rate) - Math.log(TailModel.Q) + old.lnTail(migrated.threshold, Long.MAX_VALUE);
                assertEquals(Math.log(TailModel.Q), oldLnP, 1e-9, "tail " + k / 3);
            }
        }
        assertEquals(v4.fields().count(), v5.fields().count());
        assertArrayEquals(v4.fields().daily(), v5.fields().daily());
    }
}
