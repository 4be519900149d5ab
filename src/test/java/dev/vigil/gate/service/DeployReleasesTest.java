package dev.vigil.gate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.DeployEvent;
import dev.vigil.core.DeployStatus;
import dev.vigil.deploy.service.DeployRepository;
import dev.vigil.gate.Evidence;
import java.nio.file.Path;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The previous release's live window, from the deploy records (for SLOs relative to the previous release). */
class DeployReleasesTest {

    static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");

    @TempDir
    Path dir;
    DeployRepository deploys;
    DeployReleases releases;

    @BeforeEach
    void setUp() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        ds.setUser("vigil");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        deploys = new DeployRepository(ds);
        releases = new DeployReleases(deploys);
    }

    private void deploy(String version, DeployStatus status, Instant started, Instant finished) {
        deploys.record(new DeployEvent(version + "-s", "checkout", "prod", version, "c", null, null, DeployStatus.STARTED,
                started, null, started, "vigil"), started);
        if (finished != null) {
            deploys.record(new DeployEvent(version + "-f", "checkout", "prod", version, "c", null, null, status, null,
                    finished, finished, "vigil"), finished);
        }
    }

    @Test
    void thePreviousSucceededReleaseWasLiveUntilTheNextDeployStarted() {
        deploy("1.3", DeployStatus.SUCCEEDED, T0, T0.plusSeconds(60));
        deploy("1.4", DeployStatus.SUCCEEDED, T0.plusSeconds(3600), T0.plusSeconds(3660));
        deploy("1.5", DeployStatus.SUCCEEDED, T0.plusSeconds(7200), null);
        Evidence.ReleaseWindow w = releases.previous("checkout", "prod", "1.5", T0.plusSeconds(7300)).orElseThrow();
        assertEquals("1.4", w.version());
        assertEquals(T0.plusSeconds(3660), w.from());
        assertEquals(T0.plusSeconds(7200), w.to());
    }

    @Test
    void aFailedDeployDoesNotEndTheLastGoodReleasesWindowOnlyItsOwnTimeIsCutOut() {
        deploy("1.4", DeployStatus.SUCCEEDED, T0.plusSeconds(3600), T0.plusSeconds(3660));
        deploy("1.4.1", DeployStatus.FAILED, T0.plusSeconds(3700), T0.plusSeconds(3800));
        deploy("1.5", DeployStatus.SUCCEEDED, T0.plusSeconds(7200), null);
        Evidence.ReleaseWindow w = releases.previous("checkout", "prod", "1.5", T0.plusSeconds(7300)).orElseThrow();
        assertEquals(new Evidence.ReleaseWindow("1.4", T0.plusSeconds(3800), T0.plusSeconds(7200)), w);
    }

    @Test
    void aRolledBackReleaseIsNeverTheBaselineAndItsLiveTimeIsNotEither() {
        deploy("1.4", DeployStatus.SUCCEEDED, T0.plusSeconds(3600), T0.plusSeconds(3660));
        deploy("1.4.1", DeployStatus.ROLLED_BACK, T0.plusSeconds(5000), T0.plusSeconds(6000));
        deploy("1.4.2", DeployStatus.FAILED, T0.plusSeconds(6500), T0.plusSeconds(6600));
        Evidence.ReleaseWindow w = releases.previous("checkout", "prod", "1.5", T0.plusSeconds(9000)).orElseThrow();
        assertEquals(new Evidence.ReleaseWindow("1.4", T0.plusSeconds(6600), T0.plusSeconds(9000)), w);
    }

    @Test
    void aFailedAttemptOfTheCurrentVersionDoesNotShortenTheBaselineToBeforeIt() {
        deploy("1.4", DeployStatus.SUCCEEDED, T0.plusSeconds(3600), T0.plusSeconds(3660));
        deploy("1.5", DeployStatus.FAILED, T0.plusSeconds(3670), T0.plusSeconds(3680));
        Evidence.ReleaseWindow w = releases.previous("checkout", "prod", "1.5", T0.plusSeconds(7200)).orElseThrow();
        assertEquals(new Evidence.ReleaseWindow("1.4", T0.plusSeconds(3680), T0.plusSeconds(7200)), w);
    }

    @Test
    void aBadDeployThatNeverEndedLeavesTheStretchBeforeIt() {
        deploy("1.4", DeployStatus.SUCCEEDED, T0.plusSeconds(3600), T0.plusSeconds(3660));
        // a failure reported with its start only: how long the bad version served is unknown
        deploys.record(new DeployEvent("1.4.1-f", "checkout", "prod", "1.4.1", "c", null, null, DeployStatus.FAILED,
                T0.plusSeconds(5000), null, T0.plusSeconds(5000), "vigil"), T0.plusSeconds(5000));
        Evidence.ReleaseWindow w = releases.previous("checkout", "prod", "1.5", T0.plusSeconds(7200)).orElseThrow();
        assertEquals(new Evidence.ReleaseWindow("1.4", T0.plusSeconds(3660), T0.plusSeconds(5000)), w);
    }

    @Test
    void noEarlierReleaseMeansNone() {
        deploy("1.5", DeployStatus.SUCCEEDED, T0, T0.plusSeconds(60));
        assertTrue(releases.previous("checkout", "prod", "1.5", T0.plusSeconds(600)).isEmpty());
        assertTrue(releases.previous("checkout", "staging", "2.0", T0.plusSeconds(600)).isEmpty());
    }
}
