package dev.vigil.predict.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prediction meters at /q/metrics:
 * <ul>
 *   <li>{@code vigil_prediction_probability{service,environment}}: the last predicted failure probability (gauge);</li>
 *   <li>{@code vigil_predictions_total{service,environment,risk}}: predictions made, by risk level;</li>
 *   <li>{@code vigil_predictions_unavailable_total{service,environment,reason}}: deploys that got an unavailable
 *       prediction, by reason code ({@link PredictionUnavailable});</li>
 *   <li>{@code vigil_predictions_skipped_total{reason}}: started deploys not predicted because the event names no
 *       commit ({@code no_commit}) or no repository ({@code no_repository});</li>
 *   <li>{@code vigil_model_training_labels{service,label}}: labelled deploys the last retraining of the service learnt
 *       from ({@code label=all}), the failed ones ({@code failed}) and those labelled failed by an attributed anomaly
 *       ({@code anomaly}) (gauges).</li>
 * </ul>
 */
@ApplicationScoped
public class PredictionMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastProbability = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> trainingLabels = new ConcurrentHashMap<>();

    public PredictionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void predicted(String service, String environment, String risk, double probability) {
        lastProbability.computeIfAbsent(service + "\u0000" + environment, k -> {
            AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
            Gauge.builder("vigil_prediction_probability", bits, b -> Double.longBitsToDouble(b.get()))
                    .description("Last predicted failure probability of a deploy of the service")
                    .tags("service", service, "environment", environment).register(registry);
            return bits;
        }).set(Double.doubleToLongBits(probability));
        counter("vigil_predictions", "Failure predictions made, by risk level",
                "service", service, "environment", environment, "risk", risk).increment();
    }

    public void unavailable(String service, String environment, String reason) {
        counter("vigil_predictions_unavailable", "Deploys whose failure prediction could not be made, by reason",
                "service", service, "environment", environment, "reason", reason).increment();
    }

    public void skipped(String reason) {
        counter("vigil_predictions_skipped", "Started deploys not predicted (nothing to predict from), by reason",
                "reason", reason).increment();
    }

    /** What the last retraining of a service learnt from, trained or not. */
    public void trainingLabels(String service, int labelled, int failed, int fromAnomalies) {
        trainingLabel(service, "all").set(labelled);
        trainingLabel(service, "failed").set(failed);
        trainingLabel(service, "anomaly").set(fromAnomalies);
    }

    private AtomicLong trainingLabel(String service, String label) {
        return trainingLabels.computeIfAbsent(service + "\u0000" + label, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("vigil_model_training_labels", value, AtomicLong::get)
                    .description("Labelled deploys the last retraining of the service learnt from")
                    .tags("service", service, "label", label).register(registry);
            return value;
        });
    }

    private Counter counter(String name, String help, String... tags) {
        String key = name + "|" + String.join("|", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).description(help).tags(tags).register(registry));
    }
}
