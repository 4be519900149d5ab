package dev.vigil.predict;

import dev.vigil.git.ChangeFeatures;
import java.util.Objects;

/**
 * One change with a known outcome: the unit of training data, whether it comes from the public JIT data (a commit
 * that did or did not introduce a bug) or from Vigil's own deploy history (a deploy that failed or succeeded).
 *
 * @param id           commit hash or deploy id
 * @param epochSeconds when the change happened; training is ordered by it so a model never learns from the future
 * @param failed       true when the change introduced a bug / the deploy failed
 * @param features     the change features
 */
public record LabeledChange(String id, long epochSeconds, boolean failed, ChangeFeatures features) {
    public LabeledChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(features, "features");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
    }
}
