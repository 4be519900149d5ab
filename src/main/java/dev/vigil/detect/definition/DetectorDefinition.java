package dev.vigil.detect.definition;

import dev.vigil.detect.Detector;
import dev.vigil.detect.DetectorFactory;
import dev.vigil.detect.DetectorSettings;

/**
 * One declarative detector, as read from {@code detectors/*.yaml}.
 *
 * @param name      unique name, used in events and the API
 * @param source    file the definition came from (for messages), or "(built-in)"
 * @param selector  which series it applies to
 * @param algorithm algorithm name ({@code seasonal})
 * @param settings  validated detector settings
 * @param severity  score to severity mapping; its {@code info} threshold opens an anomaly
 * @param priority  last-resort tie-break between equally specific definitions (higher wins)
 */
public record DetectorDefinition(String name, String source, SeriesSelector selector, String algorithm,
                                 DetectorSettings settings, SeverityMapping severity, int priority) {

    public DetectorDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        DetectorFactory.create(algorithm, settings); // fails early on an unknown algorithm
    }

    public Detector newDetector() {
        return DetectorFactory.create(algorithm, settings);
    }
}
