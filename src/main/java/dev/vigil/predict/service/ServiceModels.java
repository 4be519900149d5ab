package dev.vigil.predict.service;

import dev.vigil.predict.ChangeRiskModel;
import dev.vigil.predict.ModelCodec;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The trained model of each service, read from the model store once and kept until a retrain replaces it. A stored
 * model that cannot be read (e.g. written by another Smile version) is logged and the service stays on cold start
 * until it is retrained.
 */
public final class ServiceModels {

    private static final Logger LOG = Logger.getLogger(ServiceModels.class);

    private final ModelRepository models;
    private final Map<String, Optional<ChangeRiskModel>> loaded = new ConcurrentHashMap<>();

    public ServiceModels(ModelRepository models) {
        this.models = models;
    }

    public Optional<ChangeRiskModel> forService(String service) {
        return loaded.computeIfAbsent(service, this::load);
    }

    /** Forget what was loaded for the service, so the next prediction reads its newest version. */
    public void invalidate(String service) {
        loaded.remove(service);
    }

    private Optional<ChangeRiskModel> load(String service) {
        Optional<ModelRecord> record = models.latest(service);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ModelCodec.fromJson(record.get().artefact()));
        } catch (RuntimeException e) {
            LOG.warnf("model %s of service %s cannot be read (%s); using the cold-start model until it is retrained",
                    record.get().version(), service, e.getMessage());
            return Optional.empty();
        }
    }
}
