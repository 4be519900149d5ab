package dev.vigil.detect.service;

import dev.vigil.core.MetricSample;
import dev.vigil.core.SeriesKey;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.detect.definition.DefinitionSet;
import dev.vigil.detect.definition.MultivariateDefinition;
import dev.vigil.detect.multivariate.IsolationForestDetector;
import dev.vigil.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The multivariate detectors, one per service that a {@code multivariate:} definition names: routes each sample of
 * a key metric to its service's {@link ServiceVector}. Off unless configured: with no multivariate definition the
 * cost per sample is one list check. A series is routed once (the answer is cached per canonical key, the cache
 * bounded); a service's vector is restored from its checkpoint when first seen. Forests are fitted on one
 * background thread ({@link #REFIT_QUEUE} fits may wait; beyond that a refit is asked again at the next step).
 */
final class MultivariateService {

    private static final Logger LOG = Logger.getLogger(MultivariateService.class);
    static final int REFIT_QUEUE = 256;
    private static final Route NONE = new Route(null, -1);

    private record Route(ServiceVector vector, int slot) {
    }

    private final DefinitionRegistry definitions;
    private final CheckpointRepository checkpoints;
    private final AnomalyRepository anomalies;
    private final int closeAfter;
    private final int maxRoutes;
    private final ThreadPoolExecutor refits;
    private final ConcurrentHashMap<String, Route> routes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ServiceVector> vectors = new ConcurrentHashMap<>();

    MultivariateService(DefinitionRegistry definitions, CheckpointRepository checkpoints, AnomalyRepository anomalies,
            int closeAfter, int maxRoutes) {
        this.definitions = definitions;
        this.checkpoints = checkpoints;
        this.anomalies = anomalies;
        this.closeAfter = closeAfter;
        this.maxRoutes = maxRoutes;
        this.refits = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(REFIT_QUEUE),
                r -> {
                    Thread t = new Thread(r, "vigil-multivariate-refit");
                    t.setDaemon(true);
                    return t;
                });
    }

    void accept(MetricSample sample, String canonical, Consumer<AnomalyChange> sink) {
        if (definitions.current().multivariate().isEmpty()) {
            return;
        }
        Route route = routes.get(canonical);
        if (route == null) {
            route = route(sample.seriesKey(), canonical);
        }
        if (route.vector() != null) {
            route.vector().offer(route.slot(), sample.timestamp().toEpochMilli(), sample.value(), sink);
        }
    }

    private Route route(SeriesKey key, String canonical) {
        Optional<MultivariateDefinition> definition = definitions.current().selectMultivariate(key.service());
        int slot = definition.map(d -> d.slotOf(key)).orElse(-1);
        Route route = NONE;
        if (slot >= 0) {
            ServiceVector vector = vectors.computeIfAbsent(key.service(), s -> load(definition.get(), s));
            route = vector.claim(slot, canonical) ? new Route(vector, slot) : NONE;
        }
        if (routes.size() >= maxRoutes) {
            routes.clear(); // a cache: routes are found again on the next sample of each series
        }
        routes.put(canonical, route);
        return route;
    }

    /** First sight of a service's vector in this process: resume from its checkpoint when it fits the definition. */
    private ServiceVector load(MultivariateDefinition definition, String service) {
        SeriesKey key = definition.seriesOf(service);
        String fingerprint = fingerprint(definition);
        IsolationForestDetector detector = null;
        AnomalyRecord carried = null;
        try {
            Optional<DetectorCheckpoint> checkpoint = checkpoints.find(key.id());
            if (checkpoint.isPresent() && checkpoint.get().fingerprint().equals(fingerprint)) {
                detector = IsolationForestDetector.restore(definition.settings(), refits, checkpoint.get().state());
            }
            List<AnomalyRecord> open = anomalies.openForSeries(key.id());
            carried = open.isEmpty() ? null : open.get(open.size() - 1);
        } catch (StoreException | IllegalArgumentException e) {
            LOG.warnf("multivariate detector of %s starts without its checkpoint: %s", service, e.getMessage());
        }
        return new ServiceVector(service, definition, fingerprint,
                detector == null ? new IsolationForestDetector(definition.settings(), refits) : detector, closeAfter,
                carried);
    }

    /**
     * After a reload: vectors whose key metrics, alignment or forest settings changed (or whose service lost its
     * definition) are dropped and start afresh; the others go on under the new name and severities.
     */
    void redefine(DefinitionSet set) {
        routes.clear();
        vectors.values().removeIf(v -> {
            Optional<MultivariateDefinition> next = set.selectMultivariate(v.service);
            next.filter(d -> fingerprint(d).equals(v.fingerprint)).ifPresent(v::rename);
            return next.isEmpty() || !fingerprint(next.get()).equals(v.fingerprint);
        });
    }

    /** Checkpoints of every vector that judged a step since its last checkpoint. */
    List<DetectorCheckpoint> dirtyCheckpoints() {
        List<DetectorCheckpoint> out = new ArrayList<>();
        for (ServiceVector v : vectors.values()) {
            v.checkpointIfDirty().ifPresent(out::add);
        }
        return out;
    }

    /** Forgets every vector (the partitions feeding them went to another replica); each resumes from its checkpoint. */
    void dropAll() {
        routes.clear();
        vectors.clear();
    }

    Optional<ServiceVector> vector(String service) {
        return Optional.ofNullable(vectors.get(service));
    }

    void close() {
        refits.shutdownNow();
    }

    /** What a vector's state depends on: its key metrics, alignment and forest settings (not name or severity). */
    static String fingerprint(MultivariateDefinition d) {
        StringBuilder text = new StringBuilder("isolation-forest|").append(d.settings()).append('|').append(d.step())
                .append('|').append(d.grace()).append('|').append(d.carry());
        d.metrics().forEach(m -> {
            text.append('|').append(m.name());
            new TreeMap<>(m.selector().labels()).forEach((k, v) -> text.append(',').append(k).append('=').append(v.text()));
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
