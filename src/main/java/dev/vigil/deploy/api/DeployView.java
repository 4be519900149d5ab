package dev.vigil.deploy.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.vigil.deploy.AttributedAnomaly;
import dev.vigil.deploy.DeployRecord;
import java.util.List;

/** A deploy as the API shows it: its fields, plus the anomalies attributed to it, oldest first. */
public record DeployView(@JsonUnwrapped DeployRecord deploy, List<AttributedAnomaly> attributedAnomalies) {

    static DeployView of(DeployRecord deploy, List<AttributedAnomaly> attributed) {
        return new DeployView(deploy, attributed == null ? List.of() : attributed);
    }
}
