package dev.vigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Scale-out, the short version of the fault benchmark ({@link ClusterFaultScenario}): three Vigil processes in cluster
 * mode share a six-partition metrics topic on an external broker (its own JVM) and a fresh PostgreSQL database; one
 * is killed with {@code kill -9} while it is consuming, after it stored counts and detector state. The survivors take its
 * partitions over from the stored offsets with the stored detector state: every record is counted once (in the series
 * registry and in the gate's stored rollups), every detector learnt every point once (none reset), and each spike,
 * which comes after the kill, is one stored anomaly.
 */
@EnabledIf("dev.vigil.testing.Postgres#available")
class ClusterFaultIT {

    private static final int SERIES = 40;
    private static final int POINTS = 360;

    @Test
    void survivorsOfAKillMinus9CountEveryRecordOnceAndResumeEveryDetectorFromItsState() throws Exception {
        // Under target/, not a temporary directory: the replicas' and the broker's logs stay for a failed run.
        Path workDir = Files.createDirectories(Path.of("target", "cluster-fault-it", Long.toString(System.currentTimeMillis())));
        ClusterFaultScenario.Result r = new ClusterFaultScenario(
                new ClusterFaultScenario.Options(SERIES, POINTS, 1_000, false, null, Duration.ofSeconds(120)),
                workDir).run();
        String events = String.join("\n", r.events());
        assertEquals(0, r.sendFailures(), events);
        assertEquals((long) SERIES * POINTS, r.sent(), events);
        assertEquals(r.expected(), r.counted(), "every record counted once\n" + events);
        assertEquals(0, r.seriesMiscounted(), "per series\n" + events);
        assertEquals(r.expected(), r.rolledUp(), "every record in the stored gate rollups once\n" + events);
        assertEquals(0, r.seriesRollupsMiscounted(), "rollups per series\n" + events);
        assertEquals(0, r.detectorsMissing(), "every series has stored detector state\n" + events);
        assertEquals(0, r.detectorsBehind(), "no detector reset or skipped a point\n" + events);
        assertEquals(0, r.detectorsAhead(), "no detector learnt a point twice\n" + events);
        assertEquals(0, r.duplicateAnomalies(), "no anomaly stored twice\n" + events);
        assertEquals(0, r.spikesMissed(), "every spike after the kill judged by a warmed-up detector\n" + events);
        assertTrue(r.survivorsRestored() > 0, "the survivors resumed series from stored state\n" + events);
    }
}
