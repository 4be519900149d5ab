package dev.vigil.detect;

/**
 * Version 5 of the persisted state of a {@link SeasonalDetector}, the one written today. Its fields and binary
 * layout are version 4's ({@link DetectorStateV4}, with version byte 5); what changed is the meaning of each tail
 * model's first double: the model's threshold, which follows the statistic's upper {@link TailModel#Q}
 * quantile, where version 4 stored the exceedance rate over a fixed threshold of 2 sigmas. {@link #fromBytes}
 * also reads versions 1 to 4 and migrates them (see {@link #migrate}).
 */
public record DetectorStateV5(DetectorStateV4 fields) {

    static final byte VERSION = 5;

    static DetectorStateV5 of(SeasonalDetector d) {
        return new DetectorStateV5(DetectorStateV4.capture(d));
    }

    /**
     * Version 4 (or older, migrated) state as version 5: each tail model's threshold is the z at which its fitted
     * version 4 tail had probability Q, so the migrated model describes the same tail; everything else is kept.
     */
    static DetectorStateV5 migrate(DetectorStateV4 v4) {
        double[] tails = v4.tails().clone();
        for (int k = 0; k < tails.length; k += 3) {
            tails[k] = TailModel.thresholdOfRateModel(tails[k], tails[k + 1], tails[k + 2]);
        }
        return new DetectorStateV5(v4.withTails(tails));
    }

    /** The live detector this state describes. */
    public SeasonalDetector toDetector() {
        return fields.restore();
    }

    public byte[] toBytes() {
        return fields.toBytes(VERSION);
    }

    /**
     * Reads bytes written by {@link #toBytes()} or by versions 1 to 4 (migrated); fails with a clear message on
     * anything else.
     */
    public static DetectorStateV5 fromBytes(byte[] bytes) {
        int version = DetectorStateV1.versionOf(bytes);
        if (version >= DetectorStateV1.VERSION && version <= DetectorStateV4.VERSION) {
            return migrate(DetectorStateV4.fromBytes(bytes));
        }
        return new DetectorStateV5(DetectorStateV4.read(bytes, VERSION, "1, 2, 3, 4 or 5"));
    }
}
