package dev.vigil.detect.state;

import dev.vigil.detect.SeasonalDetector;
import dev.vigil.detect.SeasonalSnapshot;

/**
 * Version 5 of the persisted state of a {@link SeasonalDetector}. Its fields and binary
 * layout are version 4's ({@link DetectorStateV4}, with version byte 5); what changed is the meaning of each tail
 * model's first double: the model's threshold, which follows the statistic's upper quantile, where version 4
 * stored the exceedance rate over a fixed threshold of 2 sigmas. {@link #fromBytes} also reads versions 1 to 4
 * and migrates them (see {@link #migrate}).
 *
 * @param fields the detector's state, each tail model's first double being its threshold
 */
public record DetectorStateV5(SeasonalSnapshot fields) {

    static final byte VERSION = 5;

    /**
     * Version 4 (or older, migrated) state as version 5: each tail model's threshold is the z at which its fitted
     * version 4 tail had the quantile's probability, so the migrated model describes the same tail
     * ({@link SeasonalSnapshot.Tail#ofRateModel}); everything else is kept.
     */
    static DetectorStateV5 migrate(DetectorStateV4 v4) {
        double[] tails = v4.fields().tails().clone();
        for (int k = 0; k < tails.length; k += 3) {
            tails[k] = SeasonalSnapshot.Tail.ofRateModel(tails[k], tails[k + 1], tails[k + 2]).threshold();
        }
        return new DetectorStateV5(v4.fields().withTails(tails));
    }

    /** The live detector this state describes. */
    public SeasonalDetector toDetector() {
        return fields.toDetector();
    }

    public byte[] toBytes() {
        return DetectorStateV4.write(fields, VERSION, 0).array();
    }

    /**
     * Reads bytes written by {@link #toBytes()} or by versions 1 to 4 (migrated); fails with a clear message on
     * anything else.
     */
    public static DetectorStateV5 fromBytes(byte[] bytes) {
        int version = StateHeader.versionOf(bytes);
        if (version >= DetectorStateV1.VERSION && version <= DetectorStateV4.VERSION) {
            return migrate(DetectorStateV4.fromBytes(bytes));
        }
        return new DetectorStateV5(DetectorStateV4.read(bytes, VERSION, "1, 2, 3, 4 or 5"));
    }
}
