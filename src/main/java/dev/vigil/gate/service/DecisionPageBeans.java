package dev.vigil.gate.service;

import dev.vigil.config.VigilConfig;
import dev.vigil.detect.anomaly.Anomalies;
import dev.vigil.gate.DecisionReports;
import dev.vigil.gate.DeployRiskReport;
import dev.vigil.gate.Evidence;
import dev.vigil.gate.MetricSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import javax.sql.DataSource;

/** Wires the decision page: its signed links and the evidence it reads (the gate's own ports). */
@ApplicationScoped
public class DecisionPageBeans {

    /** The configured key, else the one stored in the database; a configured key under 32 characters stops the start. */
    @Produces
    @ApplicationScoped
    DecisionLinks decisionLinks(GateConfig gate, DataSource dataSource, Clock clock) {
        byte[] key = gate.page().signingKey()
                .map(k -> {
                    if (k.length() < 32) {
                        throw new IllegalStateException("vigil.gate.page.signing-key must be at least 32 characters");
                    }
                    return k.getBytes(StandardCharsets.UTF_8);
                })
                .orElseGet(() -> new PageKeyRepository(dataSource).sharedKey(clock.instant()));
        return new DecisionLinks(key, gate.page().linkLifetime(), clock);
    }

    @Produces
    @ApplicationScoped
    DecisionReports decisionReports(GateConfig gate, VigilConfig config, RollupRepository rollups,
                                    MetricSource providers, Anomalies anomalies, Evidence.SeriesCounts seriesCounts,
                                    DeployRiskReport.Source risks) {
        return new DecisionReports(new StoredMetrics(rollups, gate.rollups().resolution(),
                config.gate().environmentLabel()), providers,
                new StoredAnomalies(anomalies, seriesCounts, config.gate().environmentLabel()), risks);
    }
}
