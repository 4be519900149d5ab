package dev.vigil.predict;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the shipped cold-start model from the public JIT data:
 * <pre>
 * java -cp ... dev.vigil.predict.ColdStartModelBuilder --data ../shared/data/jit \
 *      --output src/main/resources/models/cold-start-jit.json
 * </pre>
 * Pools every commit of qt, openstack and jdt (ordered by time) and fits a logistic regression with the trainer's
 * default penalty, Platt-calibrated on the newest 20% ({@link ChangeRiskTrainer#calibratedLogistic}).
 * The version is dated by the newest commit, so rebuilding from the same data gives the same file.
 */
public final class ColdStartModelBuilder {

    static final List<String> PROJECTS = List.of("qt", "openstack", "jdt");

    private ColdStartModelBuilder() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !args[0].equals("--data") || !args[2].equals("--output")) {
            System.err.println("usage: --data DIR --output FILE");
            System.exit(2);
        }
        ChangeRiskModel model = build(Path.of(args[1]));
        ModelCodec.write(model, Path.of(args[3]));
        System.out.println("wrote " + model.version() + " to " + args[3]);
    }

    static ChangeRiskModel build(Path dataDir) {
        return build(dataDir, PROJECTS);
    }

    /** The cold-start model trained on the given projects only (the leave-one-project-out benchmark uses this). */
    static CalibratedRiskModel build(Path dataDir, List<String> projects) {
        List<LabeledChange> all = new ArrayList<>();
        for (String project : projects) {
            all.addAll(JitCsv.read(dataDir.resolve(project + "_k_feature.csv")));
        }
        TrainingSet data = TrainingSet.ofChanges(all);
        String version = ChangeRiskTrainer.version("coldstart-jit", "lr",
                Instant.ofEpochSecond(data.times()[data.size() - 1]), data);
        return new ChangeRiskTrainer(ChangeRiskTrainer.Options.defaults()).calibratedLogistic(data, version);
    }
}
