package dev.vigil.gate.service;

import dev.vigil.config.VigilConfig;
import dev.vigil.deploy.Deploys;
import dev.vigil.detect.anomaly.Anomalies;
import dev.vigil.gate.Evidence;
import dev.vigil.gate.GateEvaluator;
import dev.vigil.gate.MetricSource;
import dev.vigil.gate.policy.PolicyLoadException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** Wires the gate: policies (loaded at start; any problem stops the start-up), evidence ports, store, service. */
@ApplicationScoped
public class GateBeans {

    private static final Logger LOG = Logger.getLogger(GateBeans.class);

    /** A singleton: called for every sample, and an application-scoped client proxy looks its context up per call. */
    @Produces
    @Singleton
    SampleRollups sampleRollups(GateConfig gate) {
        return new SampleRollups(gate.rollups().resolution(), gate.rollups().maxOpen());
    }

    @Produces
    @ApplicationScoped
    RollupRepository rollupRepository(DataSource dataSource) {
        return new RollupRepository(dataSource);
    }

    /** The configured Prometheus providers; a bad URL or timeout stops the start-up. */
    @Produces
    @ApplicationScoped
    MetricSource metricSource(GateConfig gate) {
        Map<String, PrometheusSource.Provider> providers = new TreeMap<>();
        gate.providers().prometheus().forEach((name, p) -> providers.put(name, new PrometheusSource.Provider(name,
                p.url(), p.connectTimeout(), p.timeout(), p.maxResponseBytes(),
                PrometheusSource.Provider.authorization(p.bearerToken(), p.username(), p.password()))));
        if (!providers.isEmpty()) {
            LOG.infof("gate metric providers: %s", providers.values()); // Provider.toString leaves credentials out
        }
        return new PrometheusSource(providers);
    }

    @Produces
    @ApplicationScoped
    DecisionRepository decisionRepository(DataSource dataSource) {
        return new DecisionRepository(dataSource);
    }

    /** Decisions waiting to be stored at most; more block the request threads (back-pressure). */
    static final int WRITER_CAPACITY = 10_000;
    /** Decisions stored in one transaction at most. */
    static final int WRITER_BATCH = 200;

    @Produces
    @ApplicationScoped
    DecisionWriter decisionWriter(DecisionRepository decisions, DecisionPublisher publisher) {
        return new DecisionWriter(decisions, publisher::published, WRITER_CAPACITY, WRITER_BATCH);
    }

    /** Stores what is still queued before the database and Kafka go away. */
    void closeWriter(@Disposes DecisionWriter writer) {
        writer.close();
    }

    /** The policies in force, reloaded by {@link PolicyReload}; any problem at start stops the start-up. */
    @Produces
    @Singleton
    PolicyRegistry policyRegistry(GateConfig gate) {
        PolicyRegistry registry;
        try {
            registry = new PolicyRegistry(gate.policiesDir());
        } catch (PolicyLoadException e) {
            String issues = e.issues().stream().map(Object::toString).collect(Collectors.joining("\n  "));
            throw new IllegalStateException("gate policies have problems; Vigil does not start with them:\n  " + issues, e);
        }
        PolicyDirectory.Loaded loaded = registry.loaded();
        LOG.infof("gate policies loaded from %s: %s", loaded.source(),
                loaded.policies().all().stream().map(p -> p.name() + " " + p.version()).toList());
        return registry;
    }

    @Produces
    @ApplicationScoped
    @Startup
    GateService gateService(GateConfig gate, VigilConfig config, PolicyRegistry policies, RollupRepository rollups,
                            MetricSource providers, Deploys deploys,
                            DecisionRepository decisions, DecisionWriter writer, DecisionPublisher publisher, Clock clock,
                            Anomalies anomalies, Evidence.FailureProbability failureProbability,
                            Evidence.SeriesCounts seriesCounts) {
        GateEvaluator evaluator = new GateEvaluator(new StoredAnomalies(anomalies, seriesCounts,
                config.gate().environmentLabel()),
                new StoredMetrics(rollups, gate.rollups().resolution(), config.gate().environmentLabel()), providers,
                new DeployReleases(deploys), Optional.of(failureProbability));
        return new GateService(policies, evaluator, decisions, writer, publisher::published, clock);
    }
}
