package dev.vigil.predict.service;

import dev.vigil.config.VigilConfig;
import dev.vigil.deploy.Deploys;
import dev.vigil.detect.anomaly.Anomalies;
import dev.vigil.git.DirectoryFeatureStore;
import dev.vigil.git.ExtractionOptions;
import dev.vigil.git.GitRepositories;
import dev.vigil.git.LruFeatureCache;
import dev.vigil.git.TransferLimits;
import dev.vigil.predict.ColdStartModel;
import dev.vigil.predict.DeployRiskPredictor;
import dev.vigil.predict.RiskLevel;
import dev.vigil.predict.ServiceFeatureExtractor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** Wires the plain-Java prediction pieces (git mining, models, stores) from {@link VigilConfig}. */
@ApplicationScoped
public class PredictionBeans {

    private static final Logger LOG = Logger.getLogger(PredictionBeans.class);

    @Produces
    @ApplicationScoped
    PredictionRepository predictionRepository(DataSource dataSource) {
        return new PredictionRepository(dataSource);
    }

    @Produces
    @ApplicationScoped
    ModelRepository modelRepository(DataSource dataSource) {
        return new ModelRepository(dataSource);
    }

    @Produces
    @ApplicationScoped
    ServiceModels serviceModels(ModelRepository models) {
        return new ServiceModels(models);
    }

    @Produces
    @ApplicationScoped
    ServiceHistory serviceHistory(Deploys deploys) {
        return new ServiceHistory(deploys);
    }

    @Produces
    @ApplicationScoped
    RepositoryPolicy repositoryPolicy(GitConfig git) {
        Optional<GitRepositories.Credentials> credentials = git.username()
                .map(u -> new GitRepositories.Credentials(u, git.password().orElse("")));
        RepositoryPolicy policy = new RepositoryPolicy(git.allowRemote(), git.allowedHosts().orElse(List.of()),
                git.allowLocal(), git.localRoots().orElse(List.<String>of()).stream().map(Path::of).toList(),
                credentials);
        if (policy.credentialsUnusable()) {
            LOG.warn("vigil.git.username is set but vigil.git.allowed-hosts is empty: git credentials are never sent;"
                    + " list the hosts that may receive them");
        }
        return policy;
    }

    @Produces
    @ApplicationScoped
    RepositoryMiners repositoryMiners(GitConfig git, VigilConfig config, Clock clock) {
        Path cacheDir = cacheDir(git, config);
        LruFeatureCache features = new LruFeatureCache(git.featureCacheEntries(),
                new DirectoryFeatureStore(cacheDir.resolve("features")));
        return new RepositoryMiners(cacheDir.resolve("mirrors"), features, ExtractionOptions.defaults(),
                git.maxOpenRepositories(), new TransferLimits(git.timeout(), git.maxTransferSize().asLongValue(),
                git.maxTransferTime()), git.failureBackoff(), clock);
    }

    void closeMiners(@Disposes RepositoryMiners miners) {
        miners.close();
    }

    @Produces
    @ApplicationScoped
    Predictor predictor(PredictConfig p, VigilConfig config, RepositoryPolicy policy, RepositoryMiners miners,
                        ServiceHistory history, ServiceModels models, Anomalies anomalies) {
        DeployRiskPredictor risk = new DeployRiskPredictor(ColdStartModel.load(), models::forService,
                new DeployRiskPredictor.Options(p.topExplanations(),
                        new RiskLevel.Thresholds(p.mediumThreshold(), p.highThreshold())));
        ServiceFeatureExtractor service = new ServiceFeatureExtractor(new ServiceFeatureExtractor.Options(
                Duration.ofDays(30), Duration.ofDays(365), ZoneId.of(p.timeZone())));
        return new Predictor(policy, miners, history,
                new OpenAnomalies(anomalies, config.gate().environmentLabel()), service, risk);
    }

    static Path cacheDir(GitConfig git, VigilConfig config) {
        return Path.of(git.cacheDir().orElse(config.dataDir() + "/git"));
    }
}
