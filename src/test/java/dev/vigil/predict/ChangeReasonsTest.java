package dev.vigil.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.git.ChangeFeatures;
import dev.vigil.git.FileChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeReasonsTest {

    /** 14 files in 5 directories over 2 subsystems, 1 developer, 1,200 lines added, the author's 4th change. */
    private static final ChangeFeatures WIDE = new ChangeFeatures(2, 5, 14, 3.1, 1200, 30, 5000, 0, 1, 12, 41, 4, 2.5, 3);
    private static final List<FileChange> FILES = List.of(
            file("src/net/Socket.java", 600), file("src/net/Pool.java", 200), file("src/io/Buffer.java", 300),
            file("src/io/Reader.java", 10), file("docs/net.md", 50), file("lib/a/x.c", 20), file("README.md", 5),
            file("lib/b/y.c", 1), file("src/net/A.java", 1), file("src/net/B.java", 1), file("src/net/C.java", 1),
            file("src/net/D.java", 1), file("src/net/E.java", 1), file("src/net/F.java", 1));

    @Test
    void theSummaryNamesFilesDirectoriesLinesAndWhoWorkedOnThem() {
        assertEquals("touches 14 files in 5 directories (src/net, src/io, docs, ...) across 2 subsystems that"
                + " 1 developer has worked on, adds 1,200 lines and deletes 30, by an author with 3 earlier changes"
                + " (2 in these subsystems)", new ChangeReasons(WIDE, null, FILES).summary());
    }

    @Test
    void eachContributionBecomesAPlainSentenceWithItsDirection() {
        ChangeReasons reasons = new ChangeReasons(WIDE, null, FILES);
        assertEquals("adds 1,200 lines and deletes 30 (raises the risk)",
                reasons.reason(new FeatureContribution("la", 1200, 0.9)));
        assertEquals("touches files changed in 40 earlier commits (lowers the risk)",
                reasons.reason(new FeatureContribution("nuc", 41, -0.2)));
        assertEquals("touches files last changed 12 days ago on average (raises the risk)",
                reasons.reason(new FeatureContribution("age", 12, 0.1)));
        assertEquals("is not a bug fix (lowers the risk)", reasons.reason(new FeatureContribution("fix", 0, -0.3)));
        assertEquals("edits files that had 5,000 lines before (raises the risk)",
                reasons.reason(new FeatureContribution("lt", 5000, 0.2)));
    }

    @Test
    void aFirstChangeToOneFileSaysSoInTheSingular() {
        ChangeFeatures tiny = new ChangeFeatures(1, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 1, 1);
        ChangeReasons reasons = new ChangeReasons(tiny, null, List.of(file("README.md", 1)));
        assertEquals("touches 1 file in 1 directory (/) that 1 developer has worked on, adds 1 line and"
                + " deletes 0, is its author's first change", reasons.summary());
        assertEquals("concentrates its edits in one file (lowers the risk)",
                reasons.reason(new FeatureContribution("entropy", 0, -0.1)));
        assertEquals("is a bug fix (raises the risk)", reasons.reason(new FeatureContribution("fix", 1, 0.3)));
    }

    @Test
    void serviceFeaturesAreDescribedFromTheServiceHistory() {
        ChangeReasons reasons = new ChangeReasons(WIDE, new ServiceFeatures(0.25, 3.5, 2, 1, 17, 5), FILES);
        assertEquals("25% of the service's recent deploys failed (raises the risk)",
                reasons.reason(new FeatureContribution("failure_rate", 0.25, 0.5)));
        assertEquals("1 anomaly is open on the service (raises the risk)",
                reasons.reason(new FeatureContribution("open_anomalies", 1, 0.4)));
        assertEquals("the last failed deploy was 2 days ago (raises the risk)",
                reasons.reason(new FeatureContribution("days_since_failure", 2, 0.1)));
        assertEquals("deployed on a Friday (lowers the risk)",
                reasons.reason(new FeatureContribution("day_of_week", 5, -0.1)));
        assertEquals("deployed at 17:00 (raises the risk)",
                reasons.reason(new FeatureContribution("hour_of_day", 17, 0.1)));
    }

    private static FileChange file(String path, int added) {
        return new FileChange(path, path, added, 0, 100, true);
    }
}
