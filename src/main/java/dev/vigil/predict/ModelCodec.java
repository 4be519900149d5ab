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
 *
 * <p>Format version 2 adds an optional {@code "calibration":{"method":"platt","slope":..,"intercept":..,
 * "validation":{"rows":..,"brier":..,"bins":[...]}}} ({@link CalibratedRiskModel}); version 1 files (written before
 * calibration existed) still load, with the identity calibration.
 */
public final class ModelCodec {

    public static final String FORMAT = "vigil.change-risk-model";
    public static final int FORMAT_VERSION = 2;
    /** The first format, without calibration; still read. */
    static final int FORMAT_VERSION_UNCALIBRATED = 1;
    static final String SMILE_VERSION = "3.1.1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelCodec() {
    }

    public static String toJson(ChangeRiskModel model) {
        ObjectNode root = JSON.createObjectNode();
        if (model instanceof CalibratedRiskModel calibrated) {
            writeModel(root, calibrated.base());
            ObjectNode node = root.putObject("calibration").put("method", Calibration.METHOD)
                    .put("slope", calibrated.calibration().slope())
                    .put("intercept", calibrated.calibration().intercept());
            if (calibrated.validation() != null) {
                node.set("validation", JSON.valueToTree(calibrated.validation()));
            }
        } else {
            writeModel(root, model);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeModel(ObjectNode root, ChangeRiskModel model) {
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
    }

    public static ChangeRiskModel fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("model is not valid JSON: " + e.getMessage(), e);
        }
        int formatVersion = root.path("formatVersion").asInt();
        if (!FORMAT.equals(text(root, "format"))
                || formatVersion != FORMAT_VERSION && formatVersion != FORMAT_VERSION_UNCALIBRATED) {
            throw new IllegalArgumentException("expected format " + FORMAT + " version " + FORMAT_VERSION_UNCALIBRATED
                    + " or " + FORMAT_VERSION + ", got "
                    + root.path("format").asText("<none>") + " version " + root.path("formatVersion").asText("<none>"));
        }
        String kind = text(root, "kind");
        String version = text(root, "version");
        List<String> features = new ArrayList<>();
        root.path("features").forEach(f -> features.add(f.asText()));
        ChangeRiskModel model = switch (kind) {
            case LogisticRiskModel.KIND -> readLogistic(root.path("logistic"), version, features);
            case BoostedTreesRiskModel.KIND -> readTrees(root.path("trees"), version, features);
            default -> throw new IllegalArgumentException("unknown model kind '" + kind + "'");
        };
        JsonNode calibration = root.path("calibration");
        return calibration.isObject() ? readCalibration(calibration, model) : model;
    }

    /** A model's calibration as shown on the API: method, parameters and the validation reliability table. */
    public record CalibrationView(String method, double slope, double intercept, Reliability validation) {
        public static CalibrationView of(ChangeRiskModel model) {
            Calibration c = model.calibration();
            return new CalibrationView(c.isIdentity() ? "none" : Calibration.METHOD, c.slope(), c.intercept(),
                    model.reliability().orElse(null));
        }
    }

    /**
     * The calibration stored in an artefact, read without deserialising the model (cheap for listings); "none"
     * with the identity for artefacts written before calibration.
     */
    public static CalibrationView calibrationOf(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json).path("calibration");
        } catch (IOException e) {
            throw new IllegalArgumentException("model is not valid JSON: " + e.getMessage(), e);
        }
        if (!node.isObject()) {
            return new CalibrationView("none", 1, 0, null);
        }
        Calibration c = calibration(node);
        return new CalibrationView(c.isIdentity() ? "none" : Calibration.METHOD, c.slope(), c.intercept(),
                validation(node));
    }

    private static ChangeRiskModel readCalibration(JsonNode node, ChangeRiskModel model) {
        return new CalibratedRiskModel(model, calibration(node), validation(node));
    }

    private static Calibration calibration(JsonNode node) {
        if (!Calibration.METHOD.equals(text(node, "method"))) {
            throw new IllegalArgumentException("unknown calibration method '" + node.path("method").asText() + "'");
        }
        return new Calibration(node.path("slope").asDouble(Double.NaN), node.path("intercept").asDouble(Double.NaN));
    }

    private static Reliability validation(JsonNode node) {
        if (!node.path("validation").isObject()) {
            return null;
        }
        try {
            return JSON.treeToValue(node.path("validation"), Reliability.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("calibration.validation is not a reliability table: " + e.getMessage(), e);
        }
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
