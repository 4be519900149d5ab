package dev.vigil.predict.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.core.Severity;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.detect.service.AnomalyRepository;
import dev.vigil.testing.H2Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The open-anomalies service feature counts what was open on the service, in the deploy's environment, at a moment. */
class OpenAnomaliesTest {

    static final Instant T = Instant.parse("2026-11-25T07:00:00Z");

    @TempDir
    Path dir;

    AnomalyRepository anomalies;
    OpenAnomalies open;

    @BeforeEach
    void store() {
        DataSource ds = H2Files.in(dir);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        anomalies = new AnomalyRepository(ds);
        open = new OpenAnomalies(anomalies, "environment");
    }

    static AnomalyRecord anomaly(String id, String service, Map<String, String> labels, Instant start, Instant end) {
        return new AnomalyRecord(id, "0123456789abcdef0123456789abcdef", service, "latency", labels, "default",
                end == null ? AnomalyRecord.Status.OPEN : AnomalyRecord.Status.CLOSED, Severity.WARNING, start, end == null ? start : end,
                end, 0.9, 2, 1, 0.5, 1.5, "LEVEL");
    }

    @Test
    void countsAnomaliesOpenAtTheMomentOnSeriesOfTheEnvironmentOrOfNone() {
        anomalies.upsert(List.of(
                anomaly("still-open", "checkout", Map.of(), T.minusSeconds(600), null),
                anomaly("closed-after", "checkout", Map.of("environment", "prod"), T.minusSeconds(600), T.plusSeconds(60)),
                anomaly("closed-before", "checkout", Map.of(), T.minusSeconds(600), T.minusSeconds(60)),
                anomaly("started-after", "checkout", Map.of(), T.plusSeconds(60), null),
                anomaly("staging", "checkout", Map.of("environment", "staging"), T.minusSeconds(600), null),
                anomaly("other-service", "cart", Map.of(), T.minusSeconds(600), null)));

        assertEquals(2, open.at("checkout", "prod", T));
        assertEquals(2, open.at("checkout", "staging", T));
        assertEquals(0, open.at("checkout", "prod", T.minusSeconds(3600)));
    }
}
