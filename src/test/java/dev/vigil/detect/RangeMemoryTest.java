package dev.vigil.detect;

import dev.vigil.core.Direction;
import dev.vigil.detect.state.DetectorCodec;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.vigil.detect.Series.FIVE_MINUTES;
import static dev.vigil.detect.Series.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RangeMemoryTest {

    @Test
    void aValueBeyondTheRememberedRangeByTheMarginHasTheRecordProbability() {
        RangeMemory m = new RangeMemory();
        for (int i = 0; i < 3_000; i++) {
            m.learn(i % 2 == 0 ? 9 : 11, 1);
        }
        assertEquals(3_000, m.size());
        assertEquals(Math.log(2.0 / 3_001), m.lnNovelty(11.3, 1, Direction.BOTH), 1e-12);
        assertEquals(Math.log(2.0 / 3_001), m.lnNovelty(8.7, 1, Direction.BOTH), 1e-12);
        assertEquals(0.0, m.lnNovelty(11.2, 1, Direction.BOTH), "within the margin of a quarter sigma");
        assertEquals(0.0, m.lnNovelty(10, 1, Direction.BOTH));
        assertEquals(0.0, m.lnNovelty(8.7, 1, Direction.UP), "a dip is not watched by an UP detector");
        assertEquals(0.0, m.lnNovelty(11.3, 1, Direction.DOWN));
    }

    @Test
    void anOldExtremeIsForgottenOneBlockAtATime() {
        RangeMemory m = new RangeMemory();
        m.learn(100, 1);
        for (int i = 1; i < RangeMemory.BLOCKS * RangeMemory.BLOCK_POINTS; i++) {
            m.learn(10, 1);
        }
        assertEquals((RangeMemory.BLOCKS - 1) * RangeMemory.BLOCK_POINTS, m.size(), "the first block is gone");
        assertTrue(m.lnNovelty(50, 1, Direction.BOTH) < -8, "100 was forgotten, so 50 is a new high");
    }

    @Test
    void aTrendSettingRecordsAllTheTimeSilencesTheTest() {
        RangeMemory m = new RangeMemory();
        Random random = new Random(5);
        for (int i = 0; i < 3_000; i++) {
            m.learn(10 + random.nextGaussian(), 1);
        }
        assertTrue(m.lnNovelty(20, 1, Direction.BOTH) < -6);
        for (int i = 0; i < 20; i++) {
            m.learn(20 + i, 1); // twenty records in a row
        }
        assertEquals(0.0, m.lnNovelty(60, 1, Direction.BOTH), "records are no news in a trend");
    }

    @Test
    void falsePositiveFeedbackAlsoQuietsTheRangeTest() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults().withSeasonality(Seasonality.NONE));
        Random random = new Random(9);
        int i = 0;
        double high = Double.NEGATIVE_INFINITY;
        for (; i < 3_000; i++) {
            double v = 10 + 3 * Math.sin(2 * Math.PI * i / 40) + 0.2 * random.nextGaussian();
            high = Math.max(high, v);
            d.score(START + i * FIVE_MINUTES, v);
        }
        SeasonalDetector twin = DetectorCodec.decode(DetectorCodec.encode(d));
        twin.feedback(Feedback.FALSE_POSITIVE);
        twin.feedback(Feedback.FALSE_POSITIVE);
        long t = START + i * FIVE_MINUTES;
        AnomalyScore plain = d.score(t, high + 0.8);
        AnomalyScore quieted = twin.score(t, high + 0.8);
        assertTrue(plain.score() >= Scoring.DEFAULT_THRESHOLD, "a new high alarms: " + plain);
        assertTrue(quieted.score() < Scoring.DEFAULT_THRESHOLD, "not after two false-positive verdicts: " + quieted);
        assertTrue(quieted.upper() > high + 0.8, "and the band no longer ends at the range: " + quieted);
    }

    /**
     * A 40-point cycle the detector does not model (seasonality none) makes its band wide: a value a little above
     * every earlier crest is ordinary to the point test (z about 2) but beyond the range of the last 3,000 points.
     */
    @Test
    void aNewHighAboveEveryEarlierCrestAlarmsThoughItsZIsModest() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults().withSeasonality(Seasonality.NONE));
        Random random = new Random(8);
        int i = 0;
        double crest = Double.NEGATIVE_INFINITY;
        for (; i < 3_000; i++) {
            double v = 10 + 3 * Math.sin(2 * Math.PI * i / 40) + 0.2 * random.nextGaussian();
            crest = Math.max(crest, v);
            d.score(START + i * FIVE_MINUTES, v);
        }
        SeasonalDetector twin = DetectorCodec.decode(DetectorCodec.encode(d));
        long t = START + i * FIVE_MINUTES;
        AnomalyScore inside = twin.score(t, crest - 0.1);
        assertTrue(inside.score() < Scoring.DEFAULT_THRESHOLD, "just below the highest crest: " + inside);
        AnomalyScore high = d.score(t, crest + 0.8);
        assertTrue(high.score() >= Scoring.DEFAULT_THRESHOLD, "above every crest of the last 3,000 points: " + high);
        double rangeP = 2.0 / 3_001;
        double history = Double.POSITIVE_INFINITY; // p = 1/1,500 is far within reach of ten days of history
        assertEquals(new Scoring(DetectorSettings.defaults()).score(Math.log(rangeP), 0, FIVE_MINUTES, history),
                high.score(), 1e-9, "the range test's p = 2 / (n + 1) decides: the point test alone would not alarm");
        assertEquals(Component.POINT, high.component());
        assertTrue(high.upper() < crest + 0.8 && high.upper() > crest,
                "the band ends where the range test fires, inside the point test's band: " + high);
        assertTrue(inside.upper() >= crest, "a value inside the band does not fire: " + inside);
    }
}
