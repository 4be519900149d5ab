package dev.vigil.predict;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains Vigil's change-risk model on one JIT CSV and writes {@code _id,probability} for every row of another.
 *
 * <pre>
 * java -cp ... dev.vigil.predict.JitEvaluationCommand --train train.csv --test test.csv --output out.csv \
 *      [--report report.txt] [--model model.json]
 * </pre>
 * Output columns: {@code _id,probability,uncalibrated} (the shipped, calibrated probability and the model's score
 * before calibration, for the before/after Brier score). The model version is dated by the newest training row, so the same input always yields the same artefact.
 */
public final class JitEvaluationCommand {

    private JitEvaluationCommand() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: --train FILE --test FILE --output FILE [--report FILE] [--model FILE]");
            System.exit(2);
            return;
        }
        System.out.println(run(options));
    }

    static String run(Map<String, String> options) throws Exception {
        TrainingSet train = TrainingSet.ofChanges(JitCsv.read(Path.of(options.get("--train"))));
        List<LabeledChange> test = JitCsv.read(Path.of(options.get("--test")));
        Instant newest = Instant.ofEpochSecond(train.times()[train.size() - 1]);
        ChangeRiskTrainer.Result result = new ChangeRiskTrainer(ChangeRiskTrainer.Options.defaults())
                .train(train, "jit", newest);
        ChangeRiskModel model = result.model();
        ChangeRiskModel raw = model instanceof CalibratedRiskModel calibrated ? calibrated.base() : model;
        double[] probabilities = test.stream().mapToDouble(c -> model.predict(c.features().toArray())).toArray();
        double[] uncalibrated = test.stream().mapToDouble(c -> raw.predict(c.features().toArray())).toArray();
        JitCsv.writePredictions(Path.of(options.get("--output")),
                test.stream().map(LabeledChange::id).toList(), probabilities, uncalibrated);
        String summary = "model " + result.model().version() + ": " + result.report().summary();
        if (options.containsKey("--report")) {
            Files.writeString(Path.of(options.get("--report")), summary + "\n", StandardCharsets.UTF_8);
        }
        if (options.containsKey("--model")) {
            ModelCodec.write(result.model(), Path.of(options.get("--model")));
        }
        return summary;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> known = List.of("--train", "--test", "--output", "--report", "--model");
        for (int i = 0; i < args.length; i += 2) {
            if (!known.contains(args[i])) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            options.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--train", "--test", "--output")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("missing required option " + required);
            }
        }
        return options;
    }
}
