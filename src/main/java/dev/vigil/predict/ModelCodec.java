package dev.vigil.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import smile.classification.GradientTreeBoost;

/**
 * The versioned on-disk form of a {@link ChangeRiskModel}: one JSON document
 * <pre>
 * {"format":"vigil.change-risk-model","formatVersion":1,"kind":"logistic-regression","version":"...",
 *  "features":["ns",...],
 *  "logistic":{"intercept":-1.2,"coefficients":[...],"logMeans":[...],"logSds":[...]}}
 * </pre>
 * A tree model stores {@code "trees":{"smile":"3.1.1","shrinkage":0.05,"serialized":"<base64 Java serialisation>"}}: Smile's trees
 * have no public constructor from their parts, so the Java form is the only faithful one, and it is tied to the
 * Smile version (a reader refuses other versions rather than mis-predicting). Logistic models have no such tie,
 * which is one reason the shipped cold-start model is a logistic one.
 */
public final class ModelCodec {

    public static final String FORMAT = "vigil.change-risk-model";
    public static final int FORMAT_VERSION = 1;
    static final String SMILE_VERSION = "3.1.1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelCodec() {
    }

    public static String toJson(ChangeRiskModel model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("formatVersion", FORMAT_VERSION)
                .put("kind", model.kind()).put("version", model.version());
        ArrayNode features = root.putArray("features");
        model.featureNames().forEach(features::add);
        if (model instanceof LogisticRiskModel lr) {
            ObjectNode node = root.putObject("logistic").put("intercept", lr.intercept());
            addAll(node.putArray("coefficients"), lr.coefficients());
            addAll(node.putArray("logMeans"), lr.scaler().means());
            addAll(node.putArray("logSds"), lr.scaler().sds());
        } else if (model instanceof BoostedTreesRiskModel trees) {
            root.putObject("trees").put("smile", SMILE_VERSION).put("shrinkage", trees.shrinkage())
                    .put("serialized", serialize(trees.smileModel()));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ChangeRiskModel fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("model is not valid JSON: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(text(root, "format")) || root.path("formatVersion").asInt() != FORMAT_VERSION) {
            throw new IllegalArgumentException("expected format " + FORMAT + " version " + FORMAT_VERSION + ", got "
                    + root.path("format").asText("<none>") + " version " + root.path("formatVersion").asText("<none>"));
        }
        String kind = text(root, "kind");
        String version = text(root, "version");
        List<String> features = new ArrayList<>();
        root.path("features").forEach(f -> features.add(f.asText()));
        return switch (kind) {
            case LogisticRiskModel.KIND -> readLogistic(root.path("logistic"), version, features);
            case BoostedTreesRiskModel.KIND -> readTrees(root.path("trees"), version, features);
            default -> throw new IllegalArgumentException("unknown model kind '" + kind + "'");
        };
    }

    public static void write(ChangeRiskModel model, Path file) throws IOException {
        Files.writeString(file, toJson(model) + "\n");
    }

    public static ChangeRiskModel read(Path file) throws IOException {
        return fromJson(Files.readString(file));
    }

    public static ChangeRiskModel read(InputStream in) throws IOException {
        return fromJson(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static LogisticRiskModel readLogistic(JsonNode node, String version, List<String> features) {
        double intercept = node.path("intercept").asDouble(Double.NaN);
        LogScaler scaler = new LogScaler(doubles(node, "logMeans"), doubles(node, "logSds"));
        return new LogisticRiskModel(version, features, scaler, intercept, doubles(node, "coefficients"));
    }

    private static BoostedTreesRiskModel readTrees(JsonNode node, String version, List<String> features) {
        if (!SMILE_VERSION.equals(text(node, "smile"))) {
            throw new IllegalArgumentException("tree model was written by Smile " + node.path("smile").asText()
                    + ", this build reads Smile " + SMILE_VERSION + " only; retrain it");
        }
        byte[] bytes = Base64.getDecoder().decode(text(node, "serialized"));
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(TREE_CLASSES);
            double shrinkage = node.path("shrinkage").asDouble(Double.NaN);
            return new BoostedTreesRiskModel(version, features, (GradientTreeBoost) in.readObject(), shrinkage);
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("tree model cannot be deserialised: " + e.getMessage(), e);
        }
    }

    /**
     * What a serialised Smile tree ensemble is made of, and nothing else: a stored model is data, and Java
     * deserialisation of an arbitrary class graph can run code. Bounded in depth, references and array sizes too.
     */
    static final ObjectInputFilter TREE_CLASSES = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;maxrefs=10000000;maxarray=100000000;maxbytes=268435456;"
                    + "smile.**;java.lang.*;java.util.*;java.time.*;!*");

    private static String serialize(GradientTreeBoost model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise tree model", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static void addAll(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(v);
        }
    }

    private static double[] doubles(JsonNode node, String field) {
        JsonNode array = node.path(field);
        if (!array.isArray()) {
            throw new IllegalArgumentException("model field '" + field + "' must be an array of numbers");
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble(Double.NaN);
        }
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("model field '" + field + "' is missing or not a string");
        }
        return value.asText();
    }
}
