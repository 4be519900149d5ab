package dev.vigil.detect.state;

import dev.vigil.detect.AnomalyScore;
import dev.vigil.detect.DetectorSettings;
import dev.vigil.detect.SeasonalDetector;
import dev.vigil.detect.SeasonalSnapshot;
import dev.vigil.detect.Seasonality;
import dev.vigil.detect.Series;
import dev.vigil.detect.Status;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import static dev.vigil.detect.Series.FIVE_MINUTES;
import static dev.vigil.detect.Series.START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorStateV8Test {

    @Test
    void restoredDetectorScoresIdenticallyIncludingTheRangeMemory() {
        SeasonalDetector original = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(12);
        int i = 0;
        for (; i < 2_500; i++) {
            original.score(START + i * FIVE_MINUTES, 10 + random.nextGaussian());
        }
        assertEquals(2, SeasonalSnapshot.of(original).range().blocks(), "snapshot taken with a full block and a partial one");
        assertEquals(DetectorStateV8.VERSION, DetectorCodec.encode(original)[2]);
        // a few new extremes that only the range memory can recognise as such
        StateFixtures.assertRestoredTwinScoresAlike(original, i, 2_000,
                n -> 10 + random.nextGaussian() + (n % 400 == 399 ? 6 + n / 400.0 : 0));
    }

    @Test
    void restoredDetectorScoresIdenticallyInAQuietPhaseIncludingTheSlowNoiseLevel() {
        SeasonalDetector original = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(13);
        int i = 0;
        for (; i < 3 * 288; i++) {
            original.score(START + i * FIVE_MINUTES, phases(i, random));
        }
        SeasonalSnapshot quiet = SeasonalSnapshot.of(original);
        assertTrue(quiet.slowSigma() > 2 * quiet.scale(), "snapshot taken in a quiet phase: slow "
                + quiet.slowSigma() + ", current " + quiet.scale());
        int from = i;
        StateFixtures.assertRestoredTwinScoresAlike(original, from, 1_000,
                n -> phases(from + n, random) + (n == 30 ? 40 : n == 500 ? 400 : 0));
    }

    @Test
    void restoredDetectorScoresIdenticallyWithTheFastModelSelected() {
        SeasonalDetector original = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(13);
        double[] walk = {50};
        int i = 0;
        for (; i < 4 * 288; i++) { // the daily model takes over for short stints on a walk; at 4 days it does not
            original.score(START + i * FIVE_MINUTES, step(walk, random));
        }
        assertEquals(3, SeasonalSnapshot.of(original).selected(), "a random walk is predicted by the fast level");
        StateFixtures.assertRestoredTwinScoresAlike(original, i, 2_000, n -> step(walk, random) + (n == 500 ? 40 : 0));
    }

    @Test
    void stateStaysCompactAtDefaultSettings() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        Series.feedNoise(d, 5_000, 10, 1, new Random(3), START);
        assertTrue(DetectorCodec.encode(d).length <= 2048, "state bytes: " + DetectorCodec.encode(d).length);
        SeasonalDetector plain = new SeasonalDetector(DetectorSettings.defaults().withSeasonality(Seasonality.NONE));
        assertEquals(new DetectorStateV7(SeasonalSnapshot.of(plain)).toBytes().length + 1, DetectorCodec.encode(plain).length,
                "version 8 is version 7's layout and one byte when no run is followed");
        assertTrue(DetectorCodec.encode(plain).length < 470, "without profiles: " + DetectorCodec.encode(plain).length);
    }

    @Test
    void restoredDetectorScoresIdenticallyDuringAVolatilityBurstAndAnAlarmHold() {
        SeasonalDetector original = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(14);
        int i = 0;
        for (; i < 2_000; i++) {
            original.score(START + i * FIVE_MINUTES, 10 + random.nextGaussian());
        }
        double alarm = 0;
        for (; alarm < 0.75; i++) { // the noise quadruples until the detector alarms
            alarm = original.score(START + i * FIVE_MINUTES, 10 + 4 * random.nextGaussian()).score();
        }
        SeasonalSnapshot mid = SeasonalSnapshot.of(original);
        assertTrue(mid.volatility() > 1.0, "snapshot taken mid-burst (centre 0.80): " + mid.volatility());
        assertEquals(alarm, mid.lastAlarmScore(), "and inside the alarm's hold");
        StateFixtures.assertRestoredTwinScoresAlike(original, i, 1_000,
                n -> 10 + (n < 100 ? 4 : 1) * random.nextGaussian() + (n == 20 ? 60 : 0));
    }

    @Test
    void rejectsATruncatedTrailerAndAnUnknownVersionWithAClearMessage() {
        byte[] full = DetectorCodec.encode(new SeasonalDetector(DetectorSettings.defaults()));
        byte[] truncated = Arrays.copyOf(full, full.length - 4);
        var cut = assertThrows(IllegalArgumentException.class, () -> DetectorStateV8.fromBytes(truncated));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
        byte[] future = full.clone();
        future[2] = 9;
        var version = assertThrows(IllegalArgumentException.class, () -> DetectorStateV8.fromBytes(future));
        assertTrue(version.getMessage().contains("unsupported state version 9"), version.getMessage());
        byte[] badMarker = full.clone();
        badMarker[badMarker.length - 1] = 7;
        var marker = assertThrows(IllegalArgumentException.class, () -> DetectorStateV8.fromBytes(badMarker));
        assertTrue(marker.getMessage().contains("run origin marker 7"), marker.getMessage());
    }

    @Test
    void restoredDetectorScoresIdenticallyWhileTheDailyGainFollowsAQuieterWeekend() {
        SeasonalDetector original = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(15);
        int i = 0;
        for (; i < 5 * 288; i++) { // Monday to Friday
            original.score(START + i * FIVE_MINUTES, weekday(i, random));
        }
        for (; i < 6 * 288 + 96; i++) { // Saturday, and Sunday to 08:00, 30 % lower
            original.score(START + i * FIVE_MINUTES, 0.7 * weekday(i, random));
        }
        float gain = SeasonalSnapshot.of(original).dailyScale().gain();
        assertTrue(gain < 0.95, "snapshot taken while the gain follows the weekend: " + gain);
        int from = i;
        StateFixtures.assertRestoredTwinScoresAlike(original, from, 600, n -> 0.7 * weekday(from + n, random));
    }

    @Test
    void restoredDetectorScoresIdenticallyWhileAnAdoptedRunMayStillTurnOutAnIncident() {
        SeasonalDetector original = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(16);
        int i = 0;
        for (; i < 2_000; i++) {
            original.score(START + i * FIVE_MINUTES, 40 + 3 * random.nextGaussian());
        }
        for (int n = 0; n < 14; n++, i++) { // a runaway: two hours at 95 %, adopted as a level after twelve points
            original.score(START + i * FIVE_MINUTES, 95 + random.nextGaussian());
        }
        SeasonalSnapshot.Origin origin = SeasonalSnapshot.of(original).origin();
        assertTrue(origin != null && origin.shift() > 30, "snapshot taken after the run was adopted: " + origin);
        StateFixtures.assertRestoredTwinScoresAlike(original, i, 600,
                n -> (n < 10 ? 95 : 40) + 3 * random.nextGaussian() + (n == 300 ? 30 : 0));
    }

    @Test
    void frozenVersion8SnapshotStillLoadsScoresAndWritesBackTheSameBytes() throws IOException {
        byte[] frozen = StateFixtures.read("/detect/seasonal-state-v8.b64");
        assertEquals(DetectorStateV8.VERSION, frozen[2]);
        DetectorStateV8 state = DetectorStateV8.fromBytes(frozen);
        assertEquals(2_014, state.fields().count());
        assertEquals(DetectorSettings.defaults(), state.fields().settings());
        assertTrue(state.fields().origin().shift() > 30, "a run followed, adopted: " + state.fields().origin());
        assertArrayEquals(frozen, state.toBytes(), "layout must not drift");
        AnomalyScore next = state.toDetector().score(START + 2_014 * FIVE_MINUTES, 40.0);
        assertEquals(Status.SCORED, next.status());
    }

    /** How the frozen V8 snapshot was made (in a runaway's plateau, adopted): {@code main} prints it as base64. */
    static byte[] makeFrozenSnapshot() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(2032);
        for (int i = 0; i < 2_014; i++) {
            d.score(START + i * FIVE_MINUTES, (i < 2_000 ? 40 : 95) + 3 * random.nextGaussian());
        }
        return DetectorCodec.encode(d);
    }

    public static void main(String[] args) {
        System.out.println(Base64.getEncoder().encodeToString(makeFrozenSnapshot()));
    }

    /** A weekday's traffic: 100 +- 50 over the day (peak in the afternoon) and noise of sd 2. */
    static double weekday(int i, Random random) {
        return 100 + 50 * Math.cos(2 * Math.PI * (i % 288 - 168) / 288.0) + 2 * random.nextGaussian();
    }

    /** A Gaussian random walk (steps of sd 1) plus N(0, 0.2) measurement noise: the fast model's case. */
    private static double step(double[] walk, Random random) {
        walk[0] += random.nextGaussian();
        return walk[0] + 0.2 * random.nextGaussian();
    }

    /** Noisy phases (N(100, 10), 200 points) alternating with quiet ones (N(100, 0.1), 100 points). */
    private static double phases(int i, Random random) {
        return 100 + (i % 300 < 200 ? 10 : 0.1) * random.nextGaussian();
    }
}
