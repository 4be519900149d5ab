package dev.vigil.predict.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.git.ChangeFeatures;
import dev.vigil.git.CommitFeatures;
import dev.vigil.git.RangeFeatures;
import dev.vigil.predict.ServiceFeatures;

/**
 * The one form of the features a prediction was made from, as stored with it ({@code predictions.features}) and
 * shown by the API: {@code {change: {la, ld, ...}, service: {failure_rate, ...}, flags: [...], commits: [...],
 * summary: "touches 3 files in ..."}}.
 * Written when predicting, read back when retraining; the key names live here and nowhere else.
 */
final class FeatureCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String CHANGE = "change";
    static final String SERVICE = "service";
    static final String FLAGS = "flags";
    static final String COMMITS = "commits";
    /** The scored change in plain words ({@code Prediction.summary}); for people, never read back. */
    static final String SUMMARY = "summary";

    private static final String FAILURE_RATE = "failure_rate";
    private static final String DEPLOYS_PER_DAY = "deploys_per_day";
    private static final String DAYS_SINCE_FAILURE = "days_since_failure";
    private static final String OPEN_ANOMALIES = "open_anomalies";
    private static final String HOUR_OF_DAY = "hour_of_day";
    private static final String DAY_OF_WEEK = "day_of_week";

    private FeatureCodec() {
    }

    /** The features the model saw, for people and for retraining. */
    static ObjectNode write(RangeFeatures range, ServiceFeatures service) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode change = root.putObject(CHANGE);
        double[] values = range.aggregate().toArray();
        for (int i = 0; i < values.length; i++) {
            change.put(ChangeFeatures.NAMES.get(i), values[i]);
        }
        ObjectNode s = root.putObject(SERVICE);
        s.put(FAILURE_RATE, service.failureRate()).put(DEPLOYS_PER_DAY, service.deploysPerDay())
                .put(DAYS_SINCE_FAILURE, service.daysSinceFailure()).put(OPEN_ANOMALIES, service.openAnomalies())
                .put(HOUR_OF_DAY, service.hourOfDay()).put(DAY_OF_WEEK, service.dayOfWeek());
        ArrayNode flags = root.putArray(FLAGS);
        range.flags().stream().sorted().forEach(f -> flags.add(f.name()));
        ArrayNode commits = root.putArray(COMMITS);
        range.commits().stream().map(CommitFeatures::commitId).forEach(commits::add);
        return root;
    }

    /**
     * The change features of stored features.
     *
     * @throws IllegalArgumentException when a feature is missing (features stored under another definition)
     */
    static ChangeFeatures change(JsonNode features) {
        JsonNode node = features.path(CHANGE);
        double[] values = new double[ChangeFeatures.COUNT];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(ChangeFeatures.NAMES.get(i));
            if (v == null || !v.isNumber()) {
                throw new IllegalArgumentException("stored features lack " + ChangeFeatures.NAMES.get(i));
            }
            values[i] = v.asDouble();
        }
        return ChangeFeatures.of(values);
    }

    /** The service features of stored features (older rows without {@code open_anomalies} read 0). */
    static ServiceFeatures service(JsonNode features) {
        JsonNode node = features.path(SERVICE);
        return new ServiceFeatures(node.path(FAILURE_RATE).asDouble(), node.path(DEPLOYS_PER_DAY).asDouble(),
                node.path(DAYS_SINCE_FAILURE).asDouble(), node.path(OPEN_ANOMALIES).asInt(0),
                node.path(HOUR_OF_DAY).asInt(), node.path(DAY_OF_WEEK).asInt(1));
    }
}
