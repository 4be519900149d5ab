package dev.vigil.predict;

import dev.vigil.git.ChangeFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The model Vigil uses for a service until it has enough labelled deploys of its own: a logistic regression on the
 * 14 change features, trained on all commits of the public JIT data (qt, openstack, jdt; Zeng et al. 2021) and
 * shipped as {@value #RESOURCE}. Regenerate it with {@code bench/predict/cold-start.sh} (see
 * {@link ColdStartModelBuilder}).
 *
 * <p>Why logistic regression and not the tree ensemble that wins the per-project benchmark: trained on two projects
 * and tested on the third, the two are within 0.015 AUC of each other either way (see docs/prediction.md), while
 * the logistic artefact is 3 KB of readable JSON (with its calibration) that does not depend on Smile's serialised
 * classes, and its monotone, smooth response is the safer bet on a repository it has never seen.
 */
public final class ColdStartModel {

    public static final String RESOURCE = "/models/cold-start-jit.json";

    private ColdStartModel() {
    }

    /** Loads the shipped model; fails loudly if the resource is missing or unreadable (a packaging error). */
    public static ChangeRiskModel load() {
        try (InputStream in = ColdStartModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("cold-start model resource " + RESOURCE + " is missing");
            }
            ChangeRiskModel model = ModelCodec.read(in);
            if (!model.featureNames().equals(ChangeFeatures.NAMES)) {
                throw new IllegalStateException("cold-start model expects features " + model.featureNames()
                        + ", expected " + ChangeFeatures.NAMES);
            }
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cold-start model " + RESOURCE, e);
        }
    }
}
